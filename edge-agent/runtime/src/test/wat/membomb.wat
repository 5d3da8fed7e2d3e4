;; Memory bomb: grows memory one page at a time until memory.grow fails, stores the final page count
;; and the failing grow's result at 0 and 4, then keeps ticking.
(module
  (memory (export "memory") 1)
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (local $r i32)
    (block $done
      (loop $grow
        (local.set $r (memory.grow (i32.const 1)))
        (br_if $done (i32.eq (local.get $r) (i32.const -1)))
        (br $grow)))
    (i32.store (i32.const 0) (memory.size))
    (i32.store (i32.const 4) (local.get $r))
    (drop (memory.grow (i32.const 100000)))
    (i32.const 0)))
