;; Fuel applies to lockstep_init: it never returns.
(module
  (memory (export "memory") 1)
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (loop $l (br $l)) (i32.const 0))
  (func (export "lockstep_tick") (param i64) (result i32) (i32.const 0)))
