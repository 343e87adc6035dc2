package logrot

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// FuzzParseTAI64N: every label that parses formats back to itself.
func FuzzParseTAI64N(f *testing.F) {
	for _, s := range []string{
		"400000006b014ba3075bcd15", "4000000000000000000000000", "7fffffffffffffff3b9ac9ff",
		"400000000000000a00000000", "3fffffffffffffff00000000", "400000006B014BA3075BCD15",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTAI64N(s)
		if err != nil {
			require.ErrorIs(t, err, ErrBadName)
			return
		}
		require.Equal(t, s, string(AppendTAI64N(nil, tm)))
	})
}

// FuzzParseRotatedName: every name that parses is the one RotatedName
// makes from the parts.
func FuzzParseRotatedName(f *testing.F) {
	f.Add("deliver.log", "deliver.log.@400000006b014ba3075bcd15")
	f.Add("deliver.log", "deliver.log.@400000006b014ba3075bcd15.gz")
	f.Add("deliver.log", "deliver.log.@400000006b014ba3075bcd15.gz.tmp")
	f.Add("deliver.log", "deliver.log.lock")
	f.Add("a", "a.@400000006b014ba3075bcd15.s")
	f.Fuzz(func(t *testing.T, base, name string) {
		tm, k, err := ParseRotatedName(base, name)
		if err != nil {
			require.ErrorIs(t, err, ErrBadName)
			return
		}
		require.Equal(t, name, RotatedName(base, tm, k))
	})
}

// TestTAI64N_roundTrip covers times before 1970 and the far future.
func TestTAI64N_roundTrip(t *testing.T) {
	t.Parallel()
	for _, tm := range []time.Time{
		time.Unix(0, 0), time.Unix(-1, 999_999_999), time.Unix(1<<40, 1),
		time.Date(2026, 11, 21, 7, 43, 21, 123456789, time.UTC),
	} {
		got, err := ParseTAI64N(string(AppendTAI64N(nil, tm)))
		require.NoError(t, err)
		require.True(t, tm.Equal(got), "%v != %v", tm, got)
	}
	_, err := ParseTAI64N("800000000000000000000000")
	require.ErrorIs(t, err, ErrBadName)
}
