package filter_test

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// fullDupeStore returns a store holding n unexpired entries.
func fullDupeStore(b *testing.B, n int, noSync bool) *filter.DupeStore {
	b.Helper()
	path := filepath.Join(b.TempDir(), "v")
	s, err := filter.NewDupeStore(filter.DupeStoreOptions{Path: path, NoSync: true})
	require.NoError(b, err)
	for i := range n {
		_, err := s.Claim(b.Context(), "s"+strconv.Itoa(i)+"@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
		require.NoError(b, err)
	}
	s, err = filter.NewDupeStore(filter.DupeStoreOptions{Path: path, NoSync: noSync})
	require.NoError(b, err)
	return s
}

func BenchmarkDupeStore_Replied1000(b *testing.B) {
	s := fullDupeStore(b, 1000, true)
	for b.Loop() {
		if _, err := s.Replied(b.Context(), "nobody@example.org", "h", dupeT0); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkClaim(b *testing.B, noSync bool) {
	s := fullDupeStore(b, 1000, noSync)
	i := 0
	for b.Loop() {
		i++
		if _, err := s.Claim(b.Context(), "n"+strconv.Itoa(i)+"@example.org", "h", dupeT0, dupeT0.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDupeStore_Claim1000(b *testing.B)       { benchmarkClaim(b, false) }
func BenchmarkDupeStore_Claim1000NoSync(b *testing.B) { benchmarkClaim(b, true) }
