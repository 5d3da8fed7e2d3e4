;; hostile-nan-storm: every tick manufactures NaNs with many different bit patterns and lets them
;; escape into every channel an agent has: linear memory, the kv store and act_velocity.
;;
;; Wasm leaves the payload (and sign) of a NaN produced by arithmetic nondeterministic, so a
;; deterministic runtime must make these ticks come out bit-identical in every execution mode and
;; replay. Payloads are drawn from rand_u64, so the generator is exercised too. act_velocity with a
;; NaN or infinite component must be refused with EINVAL (-1); the return codes are stored as well.
;;
;; Each tick writes a 256-byte record at 1024 (f32 results, f64 results, then the act_velocity return
;; codes) and stores it under kv key "nans". Returns done after 16 ticks.
;; Grants: act_velocity.
(module
  (import "lockstep" "rand_u64" (func $rand_u64 (result i64)))
  (import "lockstep" "kv_put" (func $kv_put (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "act_velocity" (func $act_velocity (param f64 f64) (result i32)))

  (memory (export "memory") 1)
  (data (i32.const 0) "nans")

  (global $heap_base i32 (i32.const 4096))
  (global $heap (mut i32) (i32.const 4096))
  (global $cursor (mut i32) (i32.const 1024))
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

  (func $put_f32 (param $v f32)
    (f32.store (global.get $cursor) (local.get $v))
    (global.set $cursor (i32.add (global.get $cursor) (i32.const 4))))
  (func $put_f64 (param $v f64)
    (f64.store (global.get $cursor) (local.get $v))
    (global.set $cursor (i32.add (global.get $cursor) (i32.const 8))))
  (func $put_i32 (param $v i32)
    (i32.store (global.get $cursor) (local.get $v))
    (global.set $cursor (i32.add (global.get $cursor) (i32.const 4))))

  ;; A quiet or signalling f64 NaN with a random payload (mantissa forced non-zero) and random sign.
  (func $random_nan64 (result f64)
    (f64.reinterpret_i64
      (i64.or
        (i64.and (call $rand_u64) (i64.const 0x800fffffffffffff))
        (i64.const 0x7ff0000000000001))))
  (func $random_nan32 (result f32)
    (f32.reinterpret_i32
      (i32.or
        (i32.and (i32.wrap_i64 (call $rand_u64)) (i32.const 0x807fffff))
        (i32.const 0x7f800001))))

  (func (export "lockstep_tick") (param $tick i64) (result i32)
    (local $a64 f64) (local $b64 f64) (local $a32 f32) (local $b32 f32) (local $zero f64)
    (global.set $heap (global.get $heap_base))
    (global.set $cursor (i32.const 1024))
    (memory.fill (i32.const 1024) (i32.const 0) (i32.const 256))
    (local.set $a64 (call $random_nan64))
    (local.set $b64 (call $random_nan64))
    (local.set $a32 (call $random_nan32))
    (local.set $b32 (call $random_nan32))
    ;; Zero the optimiser cannot see, so 0/0 really is computed at run time.
    (local.set $zero (f64.convert_i64_u (i64.and (local.get $tick) (i64.const 0))))

    ;; f32 results: 16 x 4 bytes.
    (call $put_f32 (f32.div (f32.demote_f64 (local.get $zero)) (f32.demote_f64 (local.get $zero))))
    (call $put_f32 (f32.sqrt (f32.const -1)))
    (call $put_f32 (f32.sub (f32.const inf) (f32.const inf)))
    (call $put_f32 (f32.mul (f32.const inf) (f32.demote_f64 (local.get $zero))))
    (call $put_f32 (local.get $a32))
    (call $put_f32 (f32.add (local.get $a32) (local.get $b32)))
    (call $put_f32 (f32.mul (local.get $b32) (f32.const 2)))
    (call $put_f32 (f32.neg (local.get $a32)))
    (call $put_f32 (f32.abs (local.get $b32)))
    (call $put_f32 (f32.copysign (local.get $a32) (f32.const -1)))
    (call $put_f32 (f32.min (local.get $a32) (f32.const 1)))
    (call $put_f32 (f32.max (f32.const -1) (local.get $b32)))
    (call $put_f32 (f32.nearest (local.get $a32)))
    (call $put_f32 (f32.ceil (local.get $b32)))
    (call $put_f32 (f32.demote_f64 (local.get $a64)))
    (call $put_f32 (f32.div (local.get $a32) (local.get $b32)))

    ;; f64 results: 16 x 8 bytes.
    (call $put_f64 (f64.div (local.get $zero) (local.get $zero)))
    (call $put_f64 (f64.sqrt (f64.const -2)))
    (call $put_f64 (f64.sub (f64.const -inf) (f64.const -inf)))
    (call $put_f64 (local.get $a64))
    (call $put_f64 (f64.add (local.get $a64) (local.get $b64)))
    (call $put_f64 (f64.sub (local.get $b64) (local.get $a64)))
    (call $put_f64 (f64.neg (local.get $b64)))
    (call $put_f64 (f64.abs (local.get $a64)))
    (call $put_f64 (f64.copysign (local.get $b64) (f64.const 1)))
    (call $put_f64 (f64.min (local.get $a64) (f64.const 0)))
    (call $put_f64 (f64.max (local.get $b64) (f64.const -0)))
    (call $put_f64 (f64.floor (local.get $a64)))
    (call $put_f64 (f64.trunc (local.get $b64)))
    (call $put_f64 (f64.promote_f32 (local.get $a32)))
    (call $put_f64 (f64.mul (local.get $a64) (f64.const 0)))
    (call $put_f64 (f64.div (f64.const 1) (local.get $b64)))

    ;; Saturating conversions of NaN are defined (0), the host calls must refuse NaN/inf.
    (call $put_i32 (i32.trunc_sat_f64_s (local.get $a64)))
    (call $put_i32 (i32.trunc_sat_f32_u (local.get $b32)))
    (call $put_i32 (call $act_velocity (local.get $a64) (f64.const 1)))
    (call $put_i32 (call $act_velocity (f64.const 1) (f64.neg (local.get $b64))))
    (call $put_i32 (call $act_velocity (f64.const inf) (f64.const 0)))
    (call $put_i32 (call $act_velocity (f64.div (local.get $zero) (local.get $zero)) (local.get $zero)))

    (call $put_i32 (call $kv_put (i32.const 0) (i32.const 4) (i32.const 1024) (i32.const 256)))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.ge_u (global.get $count) (i32.const 16)))
)
