import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

TESTDATA = os.environ.get("TESTDATA") or os.path.join(HERE, "..", "..", "tests", "data")
BUILDDIR = os.environ.get("top_builddir") or os.path.join(HERE, "..", "..")
CLI = os.path.join(BUILDDIR, "src", "relucert")


@pytest.fixture
def data():
    return lambda *p: os.path.join(TESTDATA, *p)


@pytest.fixture
def cli():
    if not os.path.exists(CLI):
        pytest.skip("relucert CLI not built at %s" % CLI)
    return CLI
