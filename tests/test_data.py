"""O carregador das corridas: caminho explícito, variável de ambiente, cache, download, SHA-256."""

from __future__ import annotations

import shutil
import urllib.error

import numpy as np
import pytest

from scaling_utils import data


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """Sem variável de ambiente e com um cache vazio só deste teste."""
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def _no_network(*args, **kwargs):
    raise urllib.error.URLError("sem rede (teste)")


def test_explicit_path_file_and_folder(data_dir, isolated):
    by_dir = data.load_chinchilla_runs(data_dir)
    by_file = data.load_chinchilla_runs(data_dir / data.FILENAME)
    assert len(by_dir) == len(by_file) == 240
    np.testing.assert_array_equal(by_dir.loss, by_file.loss)


def test_environment_variable(data_dir, isolated, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(data_dir))
    monkeypatch.setattr(data.urllib.request, "urlopen", _no_network)
    assert len(data.load_chinchilla_runs()) == 240


def test_environment_variable_pointing_nowhere(isolated, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(isolated / "vazio"))
    with pytest.raises(FileNotFoundError, match=data.ENV_VAR):
        data.load_chinchilla_runs()


def test_cache_is_used(data_dir, isolated, monkeypatch):
    cache = data.cache_dir()
    cache.mkdir(parents=True)
    shutil.copy(data_dir / data.FILENAME, cache / data.FILENAME)
    monkeypatch.setattr(data.urllib.request, "urlopen", _no_network)
    assert len(data.load_chinchilla_runs()) == 240


def test_no_data_and_no_network_says_how_to_fix(isolated, monkeypatch):
    monkeypatch.setattr(data.urllib.request, "urlopen", _no_network)
    with pytest.raises(data.DataUnavailableError) as info:
        data.load_chinchilla_runs()
    msg = str(info.value)
    assert data.ENV_VAR in msg and "path=" in msg and "internet" in msg


class _FakeResponse:
    def __init__(self, payload):
        self.payload = payload

    def read(self):
        return self.payload

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_download_is_verified_and_cached(data_dir, isolated, monkeypatch):
    payload = (data_dir / data.FILENAME).read_bytes()
    calls = []

    def fake(url, timeout):
        calls.append(url)
        return _FakeResponse(payload)

    monkeypatch.setattr(data.urllib.request, "urlopen", fake)
    assert len(data.load_chinchilla_runs()) == 240
    assert calls == [data.URL]
    assert (data.cache_dir() / data.FILENAME).read_bytes() == payload
    data.load_chinchilla_runs()  # a segunda vez vem do cache
    assert len(calls) == 1


def test_download_with_wrong_hash_is_refused(isolated, monkeypatch):
    monkeypatch.setattr(data.urllib.request, "urlopen",
                        lambda url, timeout: _FakeResponse(b"x,y\n1,2\n"))
    with pytest.raises(ValueError, match="SHA-256"):
        data.load_chinchilla_runs()
    assert not (data.cache_dir() / data.FILENAME).exists()


def test_local_file_with_wrong_hash_is_refused(data_dir, isolated):
    bad = isolated / data.FILENAME
    bad.write_bytes((data_dir / data.FILENAME).read_bytes().replace(b"5.005", b"5.006"))
    with pytest.raises(ValueError, match="SHA-256"):
        data.load_chinchilla_runs(bad)


def test_outliers_dropped_by_rank(data_dir):
    everything = data.load_chinchilla_runs(data_dir, drop_outliers=False)
    kept = data.load_chinchilla_runs(data_dir)
    assert len(everything) == 245 and len(kept) == 240
    dropped = np.setdiff1d(everything.loss, kept.loss)
    assert dropped.size == 5
    assert dropped.min() == pytest.approx(3.446995, abs=1e-6)  # o 5º maior: por posição
    assert kept.loss.max() < dropped.min()


def test_tokens_from_compute(runs):
    np.testing.assert_allclose(6 * runs.N * runs.D, runs.C, rtol=1e-12)
    assert runs.N.min() == pytest.approx(5.73e7, rel=0.01)
