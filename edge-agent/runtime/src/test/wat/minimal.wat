;; Smallest valid agent: no imports, returns 0 every tick, counts ticks in memory.
(module
  (memory (export "memory") 1)
  (global $count (mut i64) (i64.const 0))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (global.set $count (i64.add (global.get $count) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $count))
    (i32.const 0)))
