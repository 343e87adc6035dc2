package filter

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDupeTable_evictsOldestFirst(t *testing.T) {
	t.Parallel()
	tab := &dupeTable{}
	for i, k := range []string{"a", "b", "c", "d"} {
		tab.add(dupeEntry{key: k, recorded: int64(i), expires: 100}, 3)
	}
	keys := []string{}
	for _, e := range tab.entries {
		keys = append(keys, e.key)
	}
	assert.Equal(t, []string{"b", "c", "d"}, keys)
	tab.add(dupeEntry{key: "b", recorded: 9, expires: 100}, 3)
	keys = keys[:0]
	for _, e := range tab.entries {
		keys = append(keys, e.key)
	}
	assert.Equal(t, []string{"c", "d", "b"}, keys, "a renewed entry becomes the newest")
}

func TestDupeTable_roundTrip(t *testing.T) {
	t.Parallel()
	tab := &dupeTable{entries: []dupeEntry{
		{key: dupeKey("a@example.org", "h"), recorded: 1, expires: 2},
		{key: dupeKey("b@example.org", "h"), recorded: -3, expires: 1 << 40},
	}}
	got, bad := parseDupes(tab.marshal())
	assert.Zero(t, bad)
	assert.Equal(t, tab, got)
}

func TestDupeKey(t *testing.T) {
	t.Parallel()
	assert.Equal(t, dupeKey("Anna@Example.ORG", "h"), dupeKey("anna@example.org", "h"))
	assert.NotEqual(t, dupeKey("anna@example.org", "H"), dupeKey("anna@example.org", "h"), "handles are case-sensitive")
	assert.NotEqual(t, dupeKey("ab", "c"), dupeKey("a", "bc"), "fields cannot collide")
	assert.Len(t, dupeKey("", ""), 32)
}

func TestDupeStore_lockTimeout(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/v"
	holder, err := NewDupeStore(DupeStoreOptions{Path: path, NoSync: true})
	require.NoError(t, err)
	unlock, err := holder.lock(t.Context())
	require.NoError(t, err)
	defer unlock()
	s, err := NewDupeStore(DupeStoreOptions{Path: path, NoSync: true, LockTimeout: 20 * time.Millisecond})
	require.NoError(t, err)
	now := time.Unix(1000, 0)
	_, err = s.Claim(t.Context(), "a@example.org", "h", now, now.Add(time.Hour))
	require.ErrorIs(t, err, ErrLockTimeout)
}

func FuzzParseDupes(f *testing.F) {
	f.Add([]byte(dupeHeader + "\n0123456789abcdef0123456789abcdef 1 2\n"))
	f.Add([]byte("garbage"))
	f.Add([]byte(dupeHeader + "\nzz 1\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, _ := parseDupes(data)
		now := time.Unix(1, 0)
		for _, e := range tab.entries {
			if activeIn(data, e.key, now) != tab.active(e.key, now) {
				t.Fatalf("fast path disagrees for %s", e.key)
			}
		}
		again, bad := parseDupes(tab.marshal())
		if bad != 0 || len(again.entries) != len(tab.entries) {
			t.Fatalf("round trip lost entries: %d bad, %d != %d", bad, len(again.entries), len(tab.entries))
		}
	})
}
