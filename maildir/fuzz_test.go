package maildir

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParseName checks that ParseName never panics, and that every name
// this package writes parses back to the parts it was made of.
func FuzzParseName(f *testing.F) {
	f.Add("1491941793.M41850P8566V0000000000000015I0000000004F3030E_0.mx1.example.com,S=10956:2,STln",
		int64(1491941793), 41850, uint64(7), uint64(0xdeadbeef), "mx1.example.com", "warn", int64(10956), int64(11200), "FS")
	f.Add("1.2.h", int64(0), 0, uint64(1), uint64(0), "a/b:c,d\\e", "", int64(0), int64(0), "")
	f.Add("1.M1P1.h,S=x", int64(1<<40), 999999, uint64(1<<63), uint64(1<<64-1), "\x00\xff.\\057", "x-1", int64(1<<62), int64(1<<62), "a")
	f.Fuzz(func(t *testing.T, raw string, sec int64, usec int, seq, rnd uint64, host, uniq string, size, vsize int64, flags string) {
		if n, err := ParseName(raw); err == nil {
			assert.GreaterOrEqual(t, n.Sec, int64(0))
			assert.GreaterOrEqual(t, n.Size, int64(-1))
		}
		if sec < 0 || usec < 0 || size < 0 || vsize < 0 || checkUniq(uniq) != nil {
			return
		}
		flags, err := sortFlags(flags)
		if err != nil {
			return
		}
		un := uniqueName{sec: sec, usec: usec, seq: seq, rand: rnd, dev: rnd >> 3, ino: seq ^ rnd, uniq: uniq, host: escapeHost(host)}
		name := un.key(size, vsize)
		if flags != "" {
			name += ":2," + flags
		}
		assert.NotContains(t, name, "/")
		assert.False(t, strings.HasPrefix(name, "."))
		assert.Equal(t, boolInt(flags != ""), strings.Count(name, ":"), name)
		got, err := ParseName(name)
		require.NoError(t, err, name)
		wantHost := host
		if host == "" {
			wantHost = "localhost"
		}
		want := Name{Sec: sec, Usec: usec, PID: pid, Uniq: uniq, Host: wantHost, Size: size, VSize: vsize, Flags: flags}
		assert.Equal(t, want, got, name)
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
