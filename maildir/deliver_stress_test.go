package maildir_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeliver_goroutines(t *testing.T) {
	t.Parallel()
	const workers, each = 32, 200
	m := newMaildir(t, maildir.Options{})
	keys := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				body := fmt.Sprintf("Subject: %d/%d\n\n%s\n", w, i, strings.Repeat("x", i))
				msg, err := m.Inbox().Deliver(t.Context(), strings.NewReader(body), maildir.DeliverOptions{})
				if !assert.NoError(t, err) {
					return
				}
				keys[w] = append(keys[w], msg.Key)
			}
		})
	}
	wg.Wait()

	seen := make(map[string]bool, workers*each)
	for w, ks := range keys {
		for i, k := range ks {
			require.False(t, seen[k], "duplicate key %s", k)
			seen[k] = true
			b, err := os.ReadFile(filepath.Join(m.Root(), "new", k))
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("Subject: %d/%d\n\n%s\n", w, i, strings.Repeat("x", i)), string(b))
		}
	}
	assert.Len(t, seen, workers*each)
	assert.Len(t, entries(t, m.Root(), "new"), workers*each)
	assert.Empty(t, entries(t, m.Root(), "tmp"))
}

// patternReader yields n bytes of 76-character LF-terminated lines
// without allocating.
type patternReader struct{ n, off int64 }

const patternLine = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abc\n"

func (p *patternReader) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n-p.off)]
	for i := range b {
		b[i] = patternLine[(p.off+int64(i))%int64(len(patternLine))]
	}
	p.off += int64(len(b))
	return len(b), nil
}

// TestDeliver_streams200MB checks that a 200 MB message is streamed, not
// held in memory: the heap allocations of the delivery stay far below the
// message size. Not parallel, so that other tests do not allocate
// meanwhile.
func TestDeliver_streams200MB(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200 MB")
	}
	const size = 200 << 20
	m := newMaildir(t, maildir.Options{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	msg, err := m.Inbox().Deliver(t.Context(), &patternReader{n: size}, maildir.DeliverOptions{})
	runtime.ReadMemStats(&after)
	require.NoError(t, err)

	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("delivering %d MB allocated %d KB in total", size>>20, allocated>>10)
	assert.Less(t, allocated, uint64(4<<20))
	assert.Equal(t, int64(size), msg.Size)
	n, err := maildir.ParseName(msg.Key)
	require.NoError(t, err)
	assert.Equal(t, int64(size+size/len(patternLine)), n.VSize) // one CR per complete line
	fi, err := os.Stat(msg.Path)
	require.NoError(t, err)
	assert.Equal(t, int64(size), fi.Size())
}
