;; hostile-trap: ticks normally twice, then divides by zero (i32.div_s) on its third tick.
;; The runtime must fault it with TRAP(integer divide by zero) on tick index 2 and keep running.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $count (mut i32) (i32.const 0))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (if (i32.gt_u (local.get $size) (i32.sub (i32.const 65536) (local.get $ptr)))
      (then (return (i32.const 0))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param i64) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    ;; Divisor is 3 - count: 2, 1, then 0 (trap).
    (drop (i32.div_s (i32.const 1000) (i32.sub (i32.const 3) (global.get $count))))
    (i32.const 0))
)
