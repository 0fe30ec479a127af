package rt

import (
	"testing"
	"time"
)

// TestMockIDBlocks runs three servers as cmd/mock does, each on its own
// block of order IDs, in the same minute: no ID is issued twice, and
// block 0 of 1 issues the IDs of a server without the option.
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
	plain := newMockServer(testService(), []MockOption{WithMockToken("tok"), clock})
	one := newMockServer(testService(), []MockOption{WithMockToken("tok"), clock, WithMockIDBlock(0, 1), WithMockIDBlock(5, 3)})
	for range 3 {
		_, a, _ := call(t, plain, "POST", "/v1/p1/order", `{"name":"a","count":2}`, tokenHdr)
		_, b, _ := call(t, one, "POST", "/v1/p1/order", `{"name":"a","count":2}`, tokenHdr)
		if a["order_id"] != b["order_id"] {
			t.Errorf("block 0 of 1 issued %v, the default %v (block 5 of 3 must be ignored)", b["order_id"], a["order_id"])
		}
	}
}
