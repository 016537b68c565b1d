"""Hashed character n-grams computed for a whole batch at once with numpy.

Each text (already normalized) is padded with a space on each side and its
character n-grams of the configured sizes are hashed into ``2**bits`` buckets with
a fixed polynomial hash and a murmur-style finalizer, so the buckets are the same
on every machine and in every process. A text's feature vector is binary (bucket
present or not) and L2-normalized: ``1/sqrt(n)`` in each of its ``n`` distinct
buckets. A linear model's score is therefore ``sum(weights[buckets]) / sqrt(n) +
bias``, which ``score_batch`` computes without building a matrix. Training builds
the same vectors as a sparse matrix (``matrix``).

``HashedWords`` does the same for word unigrams and bigrams (the spam output uses
both blocks; see ``text_model.py``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

_PRIME = np.uint32(0x01000193)
_MIX1 = np.uint32(0x85EBCA6B)
_MIX2 = np.uint32(0xC2B2AE35)
_SEPARATOR = 0  # code point that never occurs in a normalized text


@dataclass(frozen=True)
class HashedNgrams:
    """Character n-grams of sizes ``low..high`` hashed into ``2**bits`` buckets.

    >>> features = HashedNgrams(low=2, high=3, bits=16)
    >>> docs, buckets = features.ngrams(["мат", "да"])
    >>> docs.tolist()  # " мат ": 4 bigrams + 3 trigrams; " да ": 3 + 2
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> int(buckets.max()) < 2**16
    True
    """

    low: int = 1
    high: int = 5
    bits: int = 20

    @property
    def size(self) -> int:
        return 1 << self.bits

    def ngrams(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return the distinct (document index, bucket) pairs of ``texts``, sorted."""
        codes, starts = _codes(texts)
        inside = np.cumsum(codes == _SEPARATOR)  # document number + 1 at each position
        docs_all, buckets_all = [], []
        rolling = np.zeros(len(codes), dtype=np.uint32)
        for n in range(1, min(self.high, len(codes)) + 1):
            rolling = rolling[: len(codes) - n + 1] * _PRIME + codes[n - 1 :]
            if n < self.low:
                continue
            valid = inside[n - 1 :] == inside[: len(codes) - n + 1]
            valid &= codes[: len(codes) - n + 1] != _SEPARATOR
            docs_all.append(inside[: len(codes) - n + 1][valid] - 1)
            buckets_all.append(_bucket(rolling[valid], n, self.bits))
        wide = len(texts) > 1 << (32 - self.bits)  # keys fit in 32 bits for small batches
        docs = np.concatenate(docs_all).astype(np.uint64 if wide else np.uint32)
        keys = docs * (1 << self.bits) + np.concatenate(buckets_all).astype(docs.dtype)
        keys.sort()
        first = np.concatenate(([True], keys[1:] != keys[:-1]))
        unique: npt.NDArray[np.int64] = keys[first].astype(np.int64)
        return unique >> self.bits, unique & (self.size - 1)

    def matrix(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return the feature vectors of ``texts`` as a CSR matrix (for training)."""
        return _binary_matrix(*self.ngrams(texts), len(texts), self.size)

    def score_batch(
        self, texts: Sequence[str], weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """Return the linear scores (texts × outputs) of ``weights`` (buckets × outputs)."""
        return _scores(*self.ngrams(texts), len(texts), weights) + bias[None, :]


def _codes(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint32], int]:
    joined = "".join(f"\x00 {text} " for text in texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    return codes, len(texts)


def _bucket(hashes: npt.NDArray[np.uint32], n: int, bits: int) -> npt.NDArray[np.int64]:
    h = hashes ^ np.uint32(n * 0x9E3779B1 & 0xFFFFFFFF)
    h = (h ^ (h >> np.uint32(16))) * _MIX1
    h = (h ^ (h >> np.uint32(13))) * _MIX2
    h ^= h >> np.uint32(16)
    return (h >> np.uint32(32 - bits)).astype(np.int64)


_TOKEN = re.compile(r"[а-яa-z0-9]+|\[[a-z]+\]")


@dataclass(frozen=True)
class HashedWords:
    """Word unigrams and bigrams of a normalized text hashed (CRC-32) into ``2**bits``
    buckets; binary and L2-normalized like ``HashedNgrams``.

    >>> docs, buckets = HashedWords(bits=16).ngrams(["пиши в лс", "пиши"])
    >>> docs.tolist()  # 3 words + 2 bigrams; 1 word
    [0, 0, 0, 0, 0, 1]
    """

    bits: int = 18

    @property
    def size(self) -> int:
        return 1 << self.bits

    def ngrams(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return the distinct (document index, bucket) pairs of ``texts``, sorted."""
        mask = self.size - 1
        docs: list[int] = []
        buckets: list[int] = []
        for doc, text in enumerate(texts):
            words = _TOKEN.findall(text)
            grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            mine = sorted({zlib.crc32(g.encode("utf-8")) & mask for g in grams})
            docs += [doc] * len(mine)
            buckets += mine
        return np.array(docs, dtype=np.int64), np.array(buckets, dtype=np.int64)

    def matrix(self, texts: Sequence[str]) -> sp.csr_matrix:
        return _binary_matrix(*self.ngrams(texts), len(texts), self.size)

    def score_batch(
        self, texts: Sequence[str], weights: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """Return the linear scores (texts × outputs) of ``weights`` (buckets × outputs)."""
        return _scores(*self.ngrams(texts), len(texts), weights)


def _binary_matrix(
    docs: npt.NDArray[np.int64], buckets: npt.NDArray[np.int64], rows: int, size: int
) -> sp.csr_matrix:
    counts = np.bincount(docs, minlength=rows).astype(np.float32)
    values = 1.0 / np.sqrt(np.maximum(counts, 1.0))[docs]
    return sp.csr_matrix((values, (docs, buckets)), shape=(rows, size), dtype=np.float32)


def _scores(
    docs: npt.NDArray[np.int64],
    buckets: npt.NDArray[np.int64],
    rows: int,
    weights: npt.NDArray[np.float32],
) -> npt.NDArray[np.float64]:
    counts = np.maximum(np.bincount(docs, minlength=rows), 1)
    gathered = weights[buckets].astype(np.float64)
    columns = [
        np.bincount(docs, weights=gathered[:, j], minlength=rows) for j in range(weights.shape[1])
    ]
    return np.stack(columns, axis=1) / np.sqrt(counts)[:, None]
