package maildir

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"
)

// chunkBytes is the size of the buffer a message is copied through.
const chunkBytes = 64 << 10

var chunkPool = sync.Pool{New: func() any { b := make([]byte, chunkBytes); return &b }}

// copyMessage copies r to w in chunks, checking ctx before each one. It
// returns the bytes written and the size with every bare LF counted as
// CRLF (the ,W= value: the size an IMAP client sees).
func copyMessage(ctx context.Context, w io.Writer, r io.Reader) (size, vsize int64, err error) {
	bp := chunkPool.Get().(*[]byte)
	defer chunkPool.Put(bp)
	buf := *bp
	prevCR := false
	for {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		n, rerr := r.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if _, err := w.Write(chunk); err != nil {
				return 0, 0, err
			}
			size += int64(n)
			vsize += int64(n) + bareLFs(chunk, prevCR)
			prevCR = chunk[n-1] == '\r'
		}
		if rerr == io.EOF {
			return size, vsize, nil
		}
		if rerr != nil {
			return 0, 0, fmt.Errorf("read message: %w", rerr)
		}
	}
}

// bareLFs counts the LFs in b not preceded by CR; prevCR tells whether
// the byte before b was a CR.
func bareLFs(b []byte, prevCR bool) int64 {
	var bare int64
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return bare
		}
		i += j
		if i == 0 && !prevCR || i > 0 && b[i-1] != '\r' {
			bare++
		}
		i++
	}
}

// sortFlags validates Maildir info flags and returns them in ASCII order
// without duplicates.
func sortFlags(flags string) (string, error) {
	var seen [128]bool
	for i := 0; i < len(flags); i++ {
		c := flags[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return "", fmt.Errorf("%w %q: %q is not an ASCII letter", ErrBadFlags, flags, c)
		}
		seen[c] = true
	}
	out := make([]byte, 0, len(flags))
	for c := range seen {
		if seen[c] {
			out = append(out, byte(c))
		}
	}
	return string(out), nil
}

// maxUniqBytes limits DeliverOptions.Uniq.
const maxUniqBytes = 32

// checkUniq validates DeliverOptions.Uniq.
func checkUniq(uniq string) error {
	if len(uniq) > maxUniqBytes {
		return fmt.Errorf("%w %q: longer than %d bytes", ErrBadUniq, uniq, maxUniqBytes)
	}
	for i := 0; i < len(uniq); i++ {
		c := uniq[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Errorf("%w %q: %q is not a letter, digit or '-'", ErrBadUniq, uniq, c)
		}
	}
	return nil
}
