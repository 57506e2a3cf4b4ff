#!/usr/bin/python3
"""Writes tiny.onnx (the README's ONNX example): Gemm 2->4, Relu, Gemm 4->3, Softmax, weights
from a fixed seed. Same bytes on every run: python3 make_tiny_onnx.py > tiny.onnx"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

r = np.random.RandomState(16)
inits = {"W1": r.uniform(-1, 1, (4, 2)), "b1": r.uniform(-1, 1, 4), "W2": r.uniform(-1, 1, (3, 4)),
         "b2": r.uniform(-1, 1, 3)}
nodes = [helper.make_node("Gemm", ["x", "W1", "b1"], ["h"], transB=1, name="fc1"),
         helper.make_node("Relu", ["h"], ["a"], name="relu"),
         helper.make_node("Gemm", ["a", "W2", "b2"], ["logits"], transB=1, name="fc2"),
         helper.make_node("Softmax", ["logits"], ["p"], axis=1, name="softmax")]
g = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
                      [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 3])],
                      [numpy_helper.from_array(v.astype(np.float32), k) for k, v in inits.items()])
m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="relucert tests")
onnx.checker.check_model(m)
sys.stdout.buffer.write(m.SerializeToString())
