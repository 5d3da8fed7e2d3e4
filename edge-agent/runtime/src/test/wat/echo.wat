;; Test agent exercising every host function. Grants: sensor_read, act_velocity, emit (echo/**),
;; subscribe echo/** (any); params arbitrary.
;; init: keeps the params buffer; tick 1 emits it on echo/params.
;; on_message: counts messages, re-emits each payload on echo/seen.
;; tick t: emits t (i64) on echo/tick, sensor frame on echo/sensor, velocity (t, 0.5), logs, rand into kv,
;; progress t*100; done at tick 10.
(module
  (import "lockstep" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "lockstep" "rand_u64" (func $rand (result i64)))
  (import "lockstep" "progress" (func $progress (param i32) (result i32)))
  (import "lockstep" "kv_put" (func $kv_put (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "kv_get" (func $kv_get (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "sensor_read" (func $sensor_read (param i32 i32) (result i32)))
  (import "lockstep" "act_velocity" (func $act_velocity (param f64 f64) (result i32)))
  (import "lockstep" "emit" (func $emit (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "echo/params")   ;; 11
  (data (i32.const 16) "echo/tick")    ;; 9
  (data (i32.const 32) "echo/sensor")  ;; 11
  (data (i32.const 48) "echo/seen")    ;; 9
  (data (i32.const 64) "ticking")      ;; 7
  (data (i32.const 80) "rand")         ;; 4
  (global $heap (mut i32) (i32.const 8192))
  (global $params_ptr (mut i32) (i32.const 0))
  (global $params_len (mut i32) (i32.const 0))
  (global $messages (mut i32) (i32.const 0))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (if (i32.gt_u (i32.add (local.get $p) (local.get $size)) (i32.const 65536))
      (then (global.set $heap (i32.const 8192)) (local.set $p (i32.const 8192))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  (func (export "lockstep_init") (param $ptr i32) (param $len i32) (result i32)
    (global.set $params_ptr (local.get $ptr))
    (global.set $params_len (local.get $len))
    (i32.const 0))
  (func (export "lockstep_on_message") (param $tp i32) (param $tl i32) (param $dp i32) (param $dl i32) (result i32)
    (global.set $messages (i32.add (global.get $messages) (i32.const 1)))
    (drop (call $emit (i32.const 48) (i32.const 9) (local.get $dp) (local.get $dl)))
    (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (local $n i32)
    (if (i64.eq (local.get $t) (i64.const 1))
      (then (drop (call $emit (i32.const 0) (i32.const 11) (global.get $params_ptr) (global.get $params_len)))))
    (i64.store (i32.const 256) (local.get $t))
    (drop (call $emit (i32.const 16) (i32.const 9) (i32.const 256) (i32.const 8)))
    (local.set $n (call $sensor_read (i32.const 1024) (i32.const 4096)))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (drop (call $emit (i32.const 32) (i32.const 11) (i32.const 1024) (local.get $n)))))
    (drop (call $act_velocity (f64.convert_i64_s (local.get $t)) (f64.const 0.5)))
    (drop (call $log (i32.const 1) (i32.const 64) (i32.const 7)))
    (i64.store (i32.const 264) (call $rand))
    (drop (call $kv_put (i32.const 80) (i32.const 4) (i32.const 264) (i32.const 8)))
    (drop (call $progress (i32.mul (i32.wrap_i64 (local.get $t)) (i32.const 100))))
    (i32.store (i32.const 272) (global.get $messages))
    (if (result i32) (i64.ge_s (local.get $t) (i64.const 10)) (then (i32.const 1)) (else (i32.const 0)))))
