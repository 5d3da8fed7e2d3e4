;; hostile-memory-bomb: every tick grows memory one page at a time until memory.grow fails,
;; touching each new page, then keeps asking for more on every later tick.
;; The runtime must cap it at the mission's max_memory_pages (memory.grow returns -1) and keep
;; ticking it normally: running out of pages is not a fault.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (if (i32.gt_u (local.get $size) (i32.sub (i32.const 65536) (local.get $ptr)))
      (then (return (i32.const 0))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $tick i64) (result i32)
    (local $old i32)
    (block $refused
      (loop $grow
        (local.set $old (memory.grow (i32.const 1)))
        (br_if $refused (i32.eq (local.get $old) (i32.const -1)))
        ;; Write the last byte of the new page so it is really backed.
        (i32.store8 (i32.add (i32.shl (local.get $old) (i32.const 16)) (i32.const 65535))
                    (i32.wrap_i64 (local.get $tick)))
        (br $grow)))
    ;; Also try one huge request; it must fail the same way.
    (drop (memory.grow (i32.const 65535)))
    (i32.const 0))
)
