package filter

import (
	"bufio"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// maxHeaderBytes bounds how much of a message is read as its header.
const maxHeaderBytes = 8 << 20

// message adapts an io.ReaderAt holding an RFC 5322 message to go-sieve's
// Message and BodyMessage. The header is parsed once; the body is streamed
// from r each time a body test needs it.
type message struct {
	r    io.ReaderAt
	size int64
	raw  map[string][]string // lower-case name -> raw values, in order
	// decoded holds the values as header tests see them: unfolded and
	// decoded by decodeHeader, trailing white space removed.
	decoded map[string][]string
	// untrimmed holds, for the headers vacation compares whole, the values
	// with trailing white space kept, as Pigeonhole reads them.
	untrimmed map[string][]string
	// subjects holds the Subject values decoded like decoded but with
	// trailing white space kept: the original subject of a vacation reply.
	subjects []string
	bodyOff  int64 // -1: no body
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newMessage parses the header of the message in r. size 0 asks r for its
// size when it can tell (Size() int64), and reads to EOF otherwise.
func newMessage(r io.ReaderAt, size int64, maxHeaders int) (*message, error) {
	if r == nil {
		r = strings.NewReader("")
	}
	if size <= 0 {
		if s, ok := r.(interface{ Size() int64 }); ok {
			size = s.Size()
		}
	}
	m := &message{r: r, size: size, raw: map[string][]string{}, decoded: map[string][]string{},
		untrimmed: map[string][]string{}, bodyOff: -1}
	cr := &countingReader{r: io.LimitReader(m.section(0), maxHeaderBytes)}
	br := bufio.NewReader(cr)
	h, err := textproto.ReadHeader(br)
	if err == nil {
		m.bodyOff = cr.n - int64(br.Buffered())
	}
	fields := h.Fields()
	for n := 0; fields.Next() && n < maxHeaders; n++ {
		key := strings.ToLower(fields.Key())
		line, _ := fields.Raw()
		m.raw[key] = append(m.raw[key], fields.Value())
		full := decodeHeader(unfoldValue(line))
		m.decoded[key] = append(m.decoded[key], strings.TrimRight(full, " \t"))
		switch key {
		case "subject":
			m.subjects = append(m.subjects, full)
		case "precedence", "auto-submitted":
			m.untrimmed[key] = append(m.untrimmed[key], untrimmedValue(line))
		}
	}
	return m, nil
}

// untrimmedValue strips the white space after the colon of a raw
// "Name: value" line, then unfolds it; trailing white space stays.
func untrimmedValue(line []byte) string {
	v := string(line)
	if i := strings.IndexByte(v, ':'); i >= 0 {
		v = v[i+1:]
	}
	v = strings.TrimSuffix(strings.TrimSuffix(v, "\n"), "\r")
	v = strings.TrimLeft(v, " \t")
	return strings.NewReplacer("\r\n", "", "\n", "").Replace(v)
}

// section returns a reader of the message from off on.
func (m *message) section(off int64) *io.SectionReader {
	n := m.size - off
	if m.size <= 0 {
		n = 1<<62 - off
	}
	return io.NewSectionReader(m.r, off, n)
}

// HeaderGet returns the decoded values of a header field, whatever the
// case of key.
func (m *message) HeaderGet(key string) ([]string, error) {
	return m.decoded[strings.ToLower(key)], nil
}

// rawValues returns the undecoded values of a header field.
func (m *message) rawValues(key string) []string {
	return m.raw[strings.ToLower(key)]
}

// MessageSize returns the size in bytes.
func (m *message) MessageSize() int {
	return int(m.size)
}

// header returns the first decoded value of key and whether it exists.
func (m *message) header(key string) (string, bool) {
	v := m.decoded[strings.ToLower(key)]
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// rawHeaderer is a message (or view) that can give raw header values.
type rawHeaderer interface {
	rawValues(key string) []string
}

// splitAddr splits an addr-spec at its last "@".
func splitAddr(addr string) (local, domain string, ok bool) {
	i := strings.LastIndexByte(addr, '@')
	if i <= 0 || i == len(addr)-1 {
		return addr, "", false
	}
	return addr[:i], addr[i+1:], true
}
