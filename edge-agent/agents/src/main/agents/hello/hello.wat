;; hello: the smallest complete Lockstep agent (ABI v1), written by hand in WAT.
;;
;; It logs once at init, then on every tick logs "hello: tick <n>/<ticks>", reports progress
;; n*1000/ticks and returns 1 (done) after `ticks` ticks.
;;
;; Params: ticks=<decimal 1..1000000> (default 10). Any other value fails init.
;; Grants: none (log and progress are always granted).
(module
  (import "lockstep" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "lockstep" "progress" (func $progress (param i32) (result i32)))

  (memory (export "memory") 1)

  ;; Static strings live below 256; a 64-byte scratch line at 256; the bump heap starts at 1024.
  (data (i32.const 0) "ticks=")                       ;; 6 bytes at 0
  (data (i32.const 16) "hello: started")              ;; 14 bytes at 16
  (data (i32.const 48) "hello: bad ticks param")      ;; 22 bytes at 48
  (data (i32.const 80) "hello: done")                 ;; 11 bytes at 80
  (data (i32.const 96) "hello: tick ")                ;; 12 bytes at 96

  (global $heap_base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $ticks (mut i64) (i64.const 10))
  (global $count (mut i64) (i64.const 0))

  (func (export "lockstep_abi_version") (result i32)
    (i32.const 1))

  ;; Bump allocator: 8-byte aligned, grows memory on demand, 0 when it cannot.
  (func (export "lockstep_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i64) (local $pages i32)
    (if (i32.lt_s (local.get $size) (i32.const 0)) (then (return (i32.const 0))))
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (local.set $end (i64.add (i64.extend_i32_u (local.get $ptr)) (i64.extend_i32_u (local.get $size))))
    (if (i64.gt_u (local.get $end) (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
      (then
        (local.set $pages
          (i32.wrap_i64
            (i64.sub
              (i64.shr_u (i64.add (local.get $end) (i64.const 65535)) (i64.const 16))
              (i64.extend_i32_u (memory.size)))))
        (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (i32.wrap_i64 (local.get $end)))
    (local.get $ptr))

  ;; Reads the `ticks` line of the init params, if any. Lines are `key=value` separated by '\n'.
  (func (export "lockstep_init") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $end i32) (local $line i32) (local $value i64) (local $digits i32) (local $c i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (local.set $line (local.get $ptr))
    (block $done
      (loop $lines
        (br_if $done (i32.ge_u (local.get $line) (local.get $end)))
        ;; Does this line start with "ticks="?
        (if (i32.and
              (i32.le_u (i32.add (local.get $line) (i32.const 6)) (local.get $end))
              (i32.and
                (i32.eq (i32.load (local.get $line)) (i32.load (i32.const 0)))
                (i32.eq (i32.load16_u (i32.add (local.get $line) (i32.const 4)))
                        (i32.load16_u (i32.const 4)))))
          (then
            (local.set $i (i32.add (local.get $line) (i32.const 6)))
            (local.set $value (i64.const 0))
            (local.set $digits (i32.const 0))
            (block $number_end
              (loop $number
                (br_if $number_end (i32.ge_u (local.get $i) (local.get $end)))
                (local.set $c (i32.load8_u (local.get $i)))
                (br_if $number_end (i32.eq (local.get $c) (i32.const 10)))
                (if (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57)))
                  (then (return (call $bad_param))))
                (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
                (if (i32.gt_u (local.get $digits) (i32.const 7))
                  (then (return (call $bad_param))))
                (local.set $value
                  (i64.add (i64.mul (local.get $value) (i64.const 10))
                           (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $number)))
            (if (i32.or (i32.eqz (local.get $digits))
                        (i32.or (i64.eqz (local.get $value)) (i64.gt_u (local.get $value) (i64.const 1000000))))
              (then (return (call $bad_param))))
            (global.set $ticks (local.get $value))))
        ;; Skip to the byte after the next '\n'.
        (block $eol
          (loop $scan
            (br_if $eol (i32.ge_u (local.get $line) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $line)))
            (local.set $line (i32.add (local.get $line) (i32.const 1)))
            (br_if $eol (i32.eq (local.get $c) (i32.const 10)))
            (br $scan)))
        (br $lines)))
    (drop (call $log (i32.const 1) (i32.const 16) (i32.const 14)))
    (i32.const 0))

  (func $bad_param (result i32)
    (drop (call $log (i32.const 3) (i32.const 48) (i32.const 22)))
    (i32.const 1))

  ;; Writes the decimal form of $v at $dst and returns the number of bytes written.
  (func $write_u64 (param $dst i32) (param $v i64) (result i32)
    (local $n i32) (local $i i32) (local $j i32) (local $c i32)
    (loop $digit
      (i32.store8 (i32.add (local.get $dst) (local.get $n))
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    ;; Digits came out least significant first: reverse them in place.
    (local.set $j (i32.sub (local.get $n) (i32.const 1)))
    (block $reversed
      (loop $swap
        (br_if $reversed (i32.ge_s (local.get $i) (local.get $j)))
        (local.set $c (i32.load8_u (i32.add (local.get $dst) (local.get $i))))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
                    (i32.load8_u (i32.add (local.get $dst) (local.get $j))))
        (i32.store8 (i32.add (local.get $dst) (local.get $j)) (local.get $c))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $swap)))
    (local.get $n))

  (func (export "lockstep_tick") (param $tick i64) (result i32)
    (local $len i32)
    ;; Host buffers handed over during the previous tick are no longer needed.
    (global.set $heap (global.get $heap_base))
    (global.set $count (i64.add (global.get $count) (i64.const 1)))
    ;; "hello: tick " + count + "/" + ticks, assembled in the scratch line at 256.
    (memory.copy (i32.const 256) (i32.const 96) (i32.const 12))
    (local.set $len (i32.add (i32.const 12)
      (call $write_u64 (i32.const 268) (global.get $count))))
    (i32.store8 (i32.add (i32.const 256) (local.get $len)) (i32.const 47))
    (local.set $len (i32.add (local.get $len) (i32.const 1)))
    (local.set $len (i32.add (local.get $len)
      (call $write_u64 (i32.add (i32.const 256) (local.get $len)) (global.get $ticks))))
    (drop (call $log (i32.const 1) (i32.const 256) (local.get $len)))
    (drop (call $progress
      (i32.wrap_i64 (i64.div_u (i64.mul (global.get $count) (i64.const 1000)) (global.get $ticks)))))
    (if (i64.ge_u (global.get $count) (global.get $ticks))
      (then
        (drop (call $log (i32.const 1) (i32.const 80) (i32.const 11)))
        (return (i32.const 1))))
    (i32.const 0))
)
