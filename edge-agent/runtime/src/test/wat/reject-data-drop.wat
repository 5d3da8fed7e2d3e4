;; Refused: data.drop changes segment state that snapshots do not capture.
(module
  (memory (export "memory") 1)
  (data $d "abc")
  (func (export "lockstep_abi_version") (result i32) (i32.const 1))
  (func (export "lockstep_alloc") (param i32) (result i32) (i32.const 4096))
  (func (export "lockstep_init") (param i32 i32) (result i32) (i32.const 0))
  (func (export "lockstep_tick") (param i64) (result i32) (data.drop $d) (i32.const 0)))
