;; Calls host functions with good and bad arguments on tick 1 and stores each return code as an i32 at
;; 4*i (i = 0..), so the host ABI's error codes can be checked. Grants: sensor_read, act_velocity,
;; emit (ok/**), infer (model "m").
(module
  (import "lockstep" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "lockstep" "kv_put" (func $kv_put (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "kv_get" (func $kv_get (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "sensor_read" (func $sensor_read (param i32 i32) (result i32)))
  (import "lockstep" "act_velocity" (func $act_velocity (param f64 f64) (result i32)))
  (import "lockstep" "emit" (func $emit (param i32 i32 i32 i32) (result i32)))
  (import "lockstep" "infer" (func $infer (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "lockstep" "area_vertices" (func $area (param i32 i32) (result i32)))
  (import "lockstep" "progress" (func $progress (param i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 512) "ok/topic")    ;; 8
  (data (i32.const 528) "no/topic")    ;; 8
  (data (i32.const 544) "ok/*")        ;; 4
  (data (i32.const 560) "key")         ;; 3
  (data (i32.const 576) "m")           ;; 1
  (data (i32.const 580) "other")       ;; 5
  (data (i32.const 600) "\ff\fe")      ;; invalid UTF-8
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 8192))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func $put (param $i i32) (param $v i32) (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $v)))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (local $i i32)
    (if (i64.ne (local.get $t) (i64.const 1)) (then (return (i32.const 1))))
    (call $put (i32.const 0) (call $log (i32.const 1) (i32.const 512) (i32.const 8)))
    (call $put (i32.const 1) (call $log (i32.const 1) (i32.const 131070) (i32.const 8)))
    (call $put (i32.const 2) (call $log (i32.const 9) (i32.const 512) (i32.const 8)))
    (call $put (i32.const 3) (call $emit (i32.const 512) (i32.const 8) (i32.const 0) (i32.const 4)))
    (call $put (i32.const 4) (call $emit (i32.const 528) (i32.const 8) (i32.const 0) (i32.const 4)))
    (call $put (i32.const 5) (call $emit (i32.const 544) (i32.const 4) (i32.const 0) (i32.const 4)))
    (call $put (i32.const 6) (call $emit (i32.const 512) (i32.const 8) (i32.const 0) (i32.const 70000)))
    (call $put (i32.const 7) (call $kv_get (i32.const 560) (i32.const 3) (i32.const 1024) (i32.const 16)))
    (call $put (i32.const 8) (call $kv_put (i32.const 560) (i32.const 3) (i32.const 512) (i32.const 8)))
    (call $put (i32.const 9) (call $kv_get (i32.const 560) (i32.const 3) (i32.const 1024) (i32.const 4)))
    (call $put (i32.const 10) (call $kv_put (i32.const 512) (i32.const 200) (i32.const 512) (i32.const 8)))
    (call $put (i32.const 11) (call $kv_put (i32.const 600) (i32.const 2) (i32.const 512) (i32.const 8)))
    (call $put (i32.const 12) (call $sensor_read (i32.const 2048) (i32.const 8)))
    (call $put (i32.const 13) (call $sensor_read (i32.const 2048) (i32.const 1024)))
    (call $put (i32.const 14) (call $act_velocity (f64.const nan) (f64.const 1)))
    (call $put (i32.const 15) (call $act_velocity (f64.const 1) (f64.const inf)))
    (call $put (i32.const 16) (call $act_velocity (f64.const 2) (f64.const -3)))
    (call $put (i32.const 17) (call $area (i32.const 4096) (i32.const 0)))
    (call $put (i32.const 18) (call $area (i32.const 4096) (i32.const 16)))
    ;; infer: model "m" granted; inputs: 2 f32 at 3072 (zero); outputs at 3200
    (f32.store (i32.const 3072) (f32.const 0.3))
    (call $put (i32.const 19) (call $infer (i32.const 576) (i32.const 1) (i32.const 3072) (i32.const 2) (i32.const 3200) (i32.const 8)))
    (call $put (i32.const 20) (call $infer (i32.const 580) (i32.const 5) (i32.const 3072) (i32.const 2) (i32.const 3200) (i32.const 8)))
    (call $put (i32.const 21) (call $infer (i32.const 576) (i32.const 1) (i32.const 3072) (i32.const 2) (i32.const 3300) (i32.const 1)))
    (call $put (i32.const 22) (call $infer (i32.const 576) (i32.const 1) (i32.const 3072) (i32.const 0) (i32.const 3300) (i32.const 8)))
    (call $put (i32.const 23) (call $progress (i32.const 5000)))
    ;; 64 emits are allowed per tick; one was made above (code 3), so the 64th more is refused.
    (local.set $i (i32.const 0))
    (loop $more
      (call $put (i32.const 24) (call $emit (i32.const 512) (i32.const 8) (i32.const 0) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $i) (i32.const 64))))
    (call $put (i32.const 25) (call $kv_put (i32.const 560) (i32.const 3) (i32.const 512) (i32.const 0)))
    (call $put (i32.const 26) (call $kv_get (i32.const 560) (i32.const 3) (i32.const 1024) (i32.const 4)))
    (i32.const 0)))
