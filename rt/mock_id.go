package rt

import (
	"crypto/rand"
	"encoding/binary"
	"math/bits"
	"time"
)

// Order IDs look like Huawei Cloud's: "CS", the minute as yymmddHHMM in
// China Standard Time, then upper-case letters. Huawei's IDs carry five;
// ours carry ten (26^10, about 1.4e14 values), so that mocks running at
// the same time, in one process or several, do not hand out the same ID:
//
//	letters(n) with n = (offset + seq*mockIDStride) mod 26^10
//
// seq counts the server's orders and offset is drawn from crypto/rand when
// the server is built. n is a bijection of seq, so one server never
// repeats an ID (until 1.4e14 orders); two servers overlap only when their
// offsets differ by less than the number of orders they place, a chance
// of (ordersA + ordersB) / 1.4e14 for each pair (2.8e-8 for a million
// orders each), and only if both place them in the same minute.
//
// Servers that share one process by design (cmd/mock's services) can rule
// even that out: with WithMockIDBlock(i, n) a server takes the process's
// offset, drawn once, and the sequence numbers i, i+n, i+2n, ...: the n
// blocks are disjoint by construction, and processes still differ by
// their offsets.
const (
	mockIDLetters = 10
	mockIDSpace   = 141167095653376 // 26^10
	// mockIDStride is coprime with 26^10 (odd, not a multiple of 13), so
	// seq -> n is a bijection; being large, consecutive IDs look unrelated.
	mockIDStride = 98765432109879
)

// mockIDGen hands out order IDs; the server's mutex guards it.
type mockIDGen struct {
	offset uint64
	seq    uint64
	step   uint64 // 1, or the number of blocks
	minute int64
	prefix string         // "CS" and minute as yymmddHHMM
	zone   *time.Location // China Standard Time
}

// mockProcessIDOffset is the offset of the servers that draw their IDs
// from a block: drawn once per process, read-only after.
var mockProcessIDOffset = randomIDOffset()

// randomIDOffset draws an offset from crypto/rand.
func randomIDOffset() uint64 {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	return binary.LittleEndian.Uint64(b[:]) % mockIDSpace
}

// newMockIDGen returns a generator: with an offset of its own when blocks
// is 1, else the process's offset and block of blocks.
func newMockIDGen(block, blocks int) mockIDGen {
	g := mockIDGen{offset: randomIDOffset(), step: 1, minute: -1, zone: time.FixedZone("CST", 8*60*60)}
	if blocks > 1 {
		g.offset, g.seq, g.step = mockProcessIDOffset, uint64(block), uint64(blocks)
	}
	return g
}

// next returns the ID of the next order placed at now.
func (g *mockIDGen) next(now time.Time) string {
	// The stamp never goes back: a clock that steps back keeps the
	// current one, so IDs stay in time order.
	if minute := now.Unix() / 60; minute > g.minute {
		g.minute = minute
		g.prefix = "CS" + time.Unix(minute*60, 0).In(g.zone).Format("0601021504")
	}
	n := mockIDLetterValue(g.offset, g.seq)
	g.seq += g.step
	var buf [2 + 10 + mockIDLetters]byte
	b := append(buf[:0], g.prefix...)
	var letters [mockIDLetters]byte
	for i := mockIDLetters - 1; i >= 0; i-- {
		letters[i] = byte('A' + n%26)
		n /= 26
	}
	return string(append(b, letters[:]...))
}

// mockIDLetterValue is n for the seq-th order of a server with the given
// offset: (offset + seq*stride) mod 26^10, without overflow.
func mockIDLetterValue(offset, seq uint64) uint64 {
	hi, lo := bits.Mul64(seq, mockIDStride)
	return (bits.Rem64(hi, lo, mockIDSpace) + offset) % mockIDSpace
}
