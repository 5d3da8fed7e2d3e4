;; Traps on demand: tick 1 is normal, tick 2 fails in the way named by the last byte of the init
;; parameters (the value of the last parameter, e.g. kind=u):
;; u: unreachable, d: divide by zero, o: out-of-bounds load, c: invalid conversion, v: integer overflow,
;; e: returns tick code -7 (AGENT_ERROR), i: lockstep_init returns 3 (INIT_FAILED).
(module
  (memory (export "memory") 1)
  (global $kind (mut i32) (i32.const 0))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param $p i32) (param $l i32) (result i32)
    (global.set $kind (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $l)) (i32.const 1))))
    (if (result i32) (i32.eq (global.get $kind) (i32.const 105)) (then (i32.const 3)) (else (i32.const 0))))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (if (i64.eq (local.get $t) (i64.const 2))
      (then
        (if (i32.eq (global.get $kind) (i32.const 117)) (then unreachable))
        (if (i32.eq (global.get $kind) (i32.const 100))
          (then (drop (i32.div_s (i32.const 1) (i32.wrap_i64 (i64.sub (local.get $t) (i64.const 2)))))))
        (if (i32.eq (global.get $kind) (i32.const 111))
          (then (drop (i32.load (i32.const 0xFFFFFFF0)))))
        (if (i32.eq (global.get $kind) (i32.const 99))
          (then (drop (i32.trunc_f64_s (f64.div (f64.const 0) (f64.convert_i64_s (i64.sub (local.get $t) (i64.const 2))))))))
        (if (i32.eq (global.get $kind) (i32.const 118))
          (then (drop (i32.div_s (i32.const 0x80000000) (i32.wrap_i64 (i64.sub (i64.const 1) (local.get $t)))))))
        (if (i32.eq (global.get $kind) (i32.const 101)) (then (return (i32.const -7))))))
    (i32.const 0)))
