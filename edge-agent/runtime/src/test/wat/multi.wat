;; Multi-value results and early returns inside nested blocks (exercises the body wrapper).
(module
  (memory (export "memory") 1)
  (func $pair (param $x i32) (result i32 i64)
    (block $b
      (if (i32.gt_s (local.get $x) (i32.const 5))
        (then (return (i32.const 1) (i64.const 2)))))
    (local.get $x) (i64.extend_i32_s (local.get $x)))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (local $a i32) (local $b i64)
    (call $pair (i32.wrap_i64 (local.get $t)))
    (local.set $b) (local.set $a)
    (i32.store (i32.const 0) (local.get $a))
    (i64.store (i32.const 8) (local.get $b))
    (if (result i32) (i64.ge_s (local.get $t) (i64.const 8)) (then (i32.const 1)) (else (i32.const 0)))))
