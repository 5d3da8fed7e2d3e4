;; Fuel bomb through bulk memory: each iteration fills the whole first page, forever.
(module
  (memory (export "memory") 1)
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param $t i64) (result i32)
    (loop $l
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 65536))
      (br $l))
    (i32.const 0)))
