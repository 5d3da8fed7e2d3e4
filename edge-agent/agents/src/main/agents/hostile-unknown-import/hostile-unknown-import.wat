;; hostile-unknown-import: imports lockstep.teleport, which is not part of ABI v1.
;; The runtime must refuse it at load, naming the import.
(module
  (import "lockstep" "teleport" (func $teleport (param f64 f64) (result i32)))
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
  (func (export "lockstep_tick") (param i64) (result i32)
    (drop (call $teleport (f64.const 1000) (f64.const 1000)))
    (i32.const 1))
)
