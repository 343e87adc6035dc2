package maildir

import (
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// deliveries counts the deliveries started by this process: the Q part
// of unique names (Bernstein's "deliveries so far by this process").
var deliveries atomic.Uint64

// pid is this process's id, the P part of unique names.
var pid = os.Getpid()

// generator hands out the time part of unique names. Like Dovecot, it never
// hands out the same or an earlier microsecond twice: when the clock stands
// still or steps back, it goes on from the last value plus 1 µs. Unlike
// Dovecot it never gives up; uniqueness does not depend on the clock anyway
// (see uniqueName).
type generator struct {
	now func() time.Time

	mu   sync.Mutex
	last int64 // microseconds since the epoch, last value handed out
}

func newGenerator(now func() time.Time) *generator {
	return &generator{now: now, last: -1}
}

// next returns the seconds and microseconds for the next name.
func (g *generator) next() (sec int64, usec int) {
	t := max(g.now().UnixMicro(), 0) // a clock before 1970 counts as 1970
	g.mu.Lock()
	if t <= g.last {
		t = g.last + 1
	}
	g.last = t
	g.mu.Unlock()
	return t / 1e6, int(t % 1e6)
}

// uniqueName holds the parts of one delivery's unique name. Together P
// (pid), Q (per-process counter) and the host name make a name unique
// among the live processes of all hosts sharing the maildir, whatever the
// clock says; R (64 random bits) covers pid reuse after a clock step back,
// and V/I (device and inode of the temporary file) cover the final name.
// Publishing with link() refuses an existing name in any case.
type uniqueName struct {
	sec      int64
	usec     int
	seq      uint64
	rand     uint64
	dev, ino uint64 // zero until the temporary file exists
	uniq     string
	host     string // escaped
}

func (m *Maildir) newName(uniq string) uniqueName {
	sec, usec := m.gen.next()
	return uniqueName{
		sec:  sec,
		usec: usec,
		seq:  deliveries.Add(1),
		rand: rand.Uint64(),
		uniq: uniq,
		host: m.host,
	}
}

// tmpName is the name in tmp/: <sec>.M<usec>P<pid>Q<n>R<hex>[_uniq].<host>.
func (n uniqueName) tmpName() string {
	return string(n.appendBase(make([]byte, 0, 96), false))
}

// key is the final name without the info part:
// <sec>.M<usec>P<pid>V<dev>I<ino>Q<n>R<hex>[_uniq].<host>,S=<size>,W=<vsize>.
func (n uniqueName) key(size, vsize int64) string {
	b := n.appendBase(make([]byte, 0, 128), true)
	b = append(b, ",S="...)
	b = strconv.AppendInt(b, size, 10)
	b = append(b, ",W="...)
	b = strconv.AppendInt(b, vsize, 10)
	return string(b)
}

func (n uniqueName) appendBase(b []byte, withFile bool) []byte {
	b = strconv.AppendInt(b, n.sec, 10)
	b = append(b, ".M"...)
	b = strconv.AppendInt(b, int64(n.usec), 10)
	b = append(b, 'P')
	b = strconv.AppendInt(b, int64(pid), 10)
	if withFile {
		b = append(b, 'V')
		b = strconv.AppendUint(b, n.dev, 16)
		b = append(b, 'I')
		b = strconv.AppendUint(b, n.ino, 16)
	}
	b = append(b, 'Q')
	b = strconv.AppendUint(b, n.seq, 10)
	b = append(b, 'R')
	b = strconv.AppendUint(b, n.rand, 16)
	if n.uniq != "" {
		b = append(b, '_')
		b = append(b, n.uniq...)
	}
	b = append(b, '.')
	return append(b, n.host...)
}

// escapeHost escapes a host name for the right part of a unique name as
// Bernstein describes ('/' → \057, ':' → \072), and also escapes ',' (it
// starts the ,S= fields), '\' (the escape character itself) and every byte
// that is not printable ASCII, so that ParseName gives the host back.
// An empty host becomes "localhost".
func escapeHost(host string) string {
	if host == "" {
		return "localhost"
	}
	b := make([]byte, 0, len(host))
	for i := 0; i < len(host); i++ {
		c := host[i]
		if c <= ' ' || c >= 0x7f || c == '/' || c == ':' || c == ',' || c == '\\' {
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// unescapeHost reverses escapeHost; a backslash not followed by three
// octal digits is kept as it is.
func unescapeHost(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) && s[i+1] <= '3' {
			b = append(b, (s[i+1]-'0')<<6|(s[i+2]-'0')<<3|(s[i+3]-'0'))
			i += 3
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
