;; hostile-deep-recursion: every tick recurses without a base case.
;; The runtime must fault it with CALL_DEPTH_EXCEEDED (1,000 frames), not a JVM StackOverflowError.
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
  ;; Carries a depth counter and several locals so each frame is not trivially small.
  (func $descend (param $depth i64) (result i64)
    (local $a i64) (local $b i64) (local $c i64)
    (local.set $a (i64.mul (local.get $depth) (i64.const 3)))
    (local.set $b (i64.add (local.get $a) (i64.const 1)))
    (local.set $c (call $descend (i64.add (local.get $depth) (i64.const 1))))
    (i64.add (local.get $c) (local.get $b)))
  (func (export "lockstep_tick") (param $tick i64) (result i32)
    (i32.wrap_i64 (call $descend (local.get $tick))))
)
