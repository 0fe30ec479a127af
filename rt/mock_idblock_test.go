package rt

import (
	"testing"
	"time"
)

// TestMockIDBlocks runs three servers as cmd/mock does, each on its own
// block of order IDs, in the same minute: no ID is issued twice; block 0
// of 1 is the default.
func TestMockIDBlocks(t *testing.T) {
	now := time.Date(2026, 12, 4, 7, 30, 0, 0, time.UTC)
	clock := WithMockClock(func() time.Time { return now })
	seen := map[string]int{}
	for i := range 3 {
		m := newMockServer(testService(), []MockOption{WithMockToken("tok"), clock, WithMockIDBlock(i, 3)})
		for range 300 {
			status, out, _ := call(t, m, "POST", "/v1/p1/order", `{"name":"a","count":2}`, tokenHdr)
			id, _ := out["order_id"].(string)
			if status != 200 || id == "" {
				t.Fatalf("server %d: status %d: %v", i, status, out)
			}
			if j, dup := seen[id]; dup {
				t.Fatalf("server %d issued %s, as server %d did", i, id, j)
			}
			seen[id] = i
		}
	}
	// Block 0 of 1, and out-of-range values, leave the default: an offset
	// of the server's own, so that two such servers do not share IDs.
	plain := newMockServer(testService(), []MockOption{WithMockToken("tok"), clock})
	one := newMockServer(testService(), []MockOption{WithMockToken("tok"), clock, WithMockIDBlock(0, 1), WithMockIDBlock(5, 3)})
	if one.cfg.idBlocks != 1 || one.ids.step != 1 || one.ids.offset == plain.ids.offset {
		t.Errorf("block 0 of 1 (and 5 of 3 ignored): blocks %d, step %d; want the default", one.cfg.idBlocks, one.ids.step)
	}
	for range 3 {
		_, a, _ := call(t, plain, "POST", "/v1/p1/order", `{"name":"a","count":2}`, tokenHdr)
		_, b, _ := call(t, one, "POST", "/v1/p1/order", `{"name":"a","count":2}`, tokenHdr)
		ida, _ := a["order_id"].(string)
		idb, _ := b["order_id"].(string)
		_, dupA := seen[ida]
		_, dupB := seen[idb]
		if ida == "" || ida == idb || dupA || dupB {
			t.Errorf("default servers issued %q and %q (or one of the blocks' IDs)", ida, idb)
		}
	}
}
