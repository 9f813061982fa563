"""`zhagen consensus` run as a user would, on the demo and on a hand-built two-coder project."""

from __future__ import annotations

import json

import pytest

from coding import queries
from coding.cli import main
from coding.services import consensus
from coding.storage import open_project
from tests.core.test_consensus import A, B, pair  # noqa: F401 - the fixture


def test_auto_agreed_status_list_and_decide(pair, location, capsys):
    store, _ = pair
    store.close()
    assert main(["consensus", location, "--coders", f"{A},{B}", "--status"]) == 0
    assert capsys.readouterr().out.startswith("decided 0 of 5 items (5 to go); 1 where the coders agree")
    assert main(["consensus", location, "--coders", f"{A},{B}", "--auto-agreed"]) == 0
    out = capsys.readouterr().out
    assert "took 1 items" in out and "decided 1 of 5 items" in out
    assert main(["consensus", location, "--coders", f"{A},{B}", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["status"]["decided"] == 1 and len(listed["undecided"]) == 4
    first = listed["undecided"][0]
    assert [c["coder"] for c in first["codings"]] == [A, B]
    assert main(["consensus", location, "--coders", f"{A},{B}", "--decide", first["key"], B]) == 0
    second = listed["undecided"][1]["key"]
    assert main(["consensus", location, "--coders", f"{A},{B}", "--decide", second, "neither"]) == 0
    third = listed["undecided"][2]["key"]
    assert main(["consensus", location, "--coders", f"{A},{B}", "--decide", third, "1-3"]) == 0
    capsys.readouterr()
    assert main(["consensus", location, "--coders", f"{A},{B}", "--status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == {
        "decided": 4, "total": 5, "agreed": 1, "consensus_codings": 3, "consensus_coder": consensus.CONSENSUS_CODER}
    with open_project(location) as again:
        names = {c.name for c in queries.list_coders(again)}
    assert names == {A, B, consensus.CONSENSUS_CODER}  # the command's own coder is never stored


@pytest.mark.parametrize("args", [["--coders", "张研"], ["--coders", "张研,nobody"],
                                  ["--coders", "张研,李文", "--decide", "nokey", "both"]])
def test_errors_are_one_line(pair, location, capsys, args):
    pair[0].close()
    assert main(["consensus", location, *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("zhagen: ") and err.count("\n") == 1


def test_demo_counts(tmp_path, capsys):
    path = str(tmp_path / "demo.zhagen")
    assert main(["demo", path]) == 0
    capsys.readouterr()
    assert main(["consensus", path, "--coders", "张研,李文", "--auto-agreed", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["agreed_taken"] == out["status"]["decided"] == out["status"]["consensus_codings"] > 0


def test_agreement_of_everyone_leaves_the_consensus_coder_out(pair, location, capsys):
    pair[0].close()
    assert main(["agreement", location, "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["consensus", location, "--coders", f"{A},{B}", "--auto-agreed"]) == 0
    capsys.readouterr()
    assert main(["agreement", location, "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["coders"] == before["coders"] == [A, B] and after == before
