;; hostile-huge-memory: declares a 65536-page (4 GiB) minimum memory.
;; The runtime must refuse it at load (over max_memory_pages) without allocating that memory.
(module
  (memory (export "memory") 65536)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param i64) (result i32) (i32.const 1))
)
