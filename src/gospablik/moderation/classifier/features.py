"""Hashed character n-grams computed for a whole batch at once with numpy.

Each text (already normalized) is padded with a space on each side and its
character n-grams of the configured sizes are hashed into ``2**bits`` buckets with
a fixed polynomial hash and a murmur-style finalizer, so the buckets are the same
on every machine and in every process. A text's feature vector is binary (bucket
present or not) and L2-normalized: ``1/sqrt(n)`` in each of its ``n`` distinct
buckets. A linear model's score is therefore ``sum(weights[buckets]) / sqrt(n) +
bias``, which ``score_batch`` computes without building a matrix. Training builds
the same vectors as a sparse matrix (``matrix``).
"""

from __future__ import annotations

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
        docs, buckets = self.ngrams(texts)
        counts = np.bincount(docs, minlength=len(texts)).astype(np.float32)
        values = 1.0 / np.sqrt(np.maximum(counts, 1.0))[docs]
        shape = (len(texts), self.size)
        return sp.csr_matrix((values, (docs, buckets)), shape=shape, dtype=np.float32)

    def score_batch(
        self, texts: Sequence[str], weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """Return the linear scores (texts × outputs) of ``weights`` (buckets × outputs)."""
        docs, buckets = self.ngrams(texts)
        counts = np.maximum(np.bincount(docs, minlength=len(texts)), 1)
        gathered = weights[buckets].astype(np.float64)
        columns = [
            np.bincount(docs, weights=gathered[:, j], minlength=len(texts))
            for j in range(weights.shape[1])
        ]
        return np.stack(columns, axis=1) / np.sqrt(counts)[:, None] + bias[None, :]


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
