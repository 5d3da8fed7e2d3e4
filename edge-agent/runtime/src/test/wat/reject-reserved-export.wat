;; Refused: exports a name with the runtime's reserved prefix.
(module
  (memory (export "memory") 1)
  (global (export "lockstep$fuel") (mut i64) (i64.const 0))
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param i64) (result i32) (i32.const 0)))
