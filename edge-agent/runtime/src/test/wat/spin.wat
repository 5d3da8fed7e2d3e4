;; Fuel: tick 3 loops forever (earlier ticks do a little work).
(module
  (memory (export "memory") 1)
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (local $i i32)
    (if (i64.eq (local.get $t) (i64.const 3))
      (then (loop $forever
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (i32.store (i32.const 0) (local.get $i))
        (br $forever))))
    (i32.const 0)))
