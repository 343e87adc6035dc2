package filter

import (
	"bufio"
	"io"
	"mime"
	"net/mail"
	"strings"

	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
)

// maxHeaderBytes bounds how much of a message is read as its header.
const maxHeaderBytes = 8 << 20

var wordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}

// message adapts an io.ReaderAt holding an RFC 5322 message to go-sieve's
// Message and BodyMessage. The header is parsed once; the body is streamed
// from r each time a body test needs it.
type message struct {
	r       io.ReaderAt
	size    int64
	raw     map[string][]string // lower-case name -> raw values, in order
	decoded map[string][]string // the same, RFC 2047-decoded
	bodyOff int64               // -1: no body
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

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
	m := &message{r: r, size: size, raw: map[string][]string{}, decoded: map[string][]string{}, bodyOff: -1}
	cr := &countingReader{r: io.LimitReader(m.section(0), maxHeaderBytes)}
	br := bufio.NewReader(cr)
	h, err := textproto.ReadHeader(br)
	if err == nil {
		m.bodyOff = cr.n - int64(br.Buffered())
	}
	fields := h.Fields()
	for n := 0; fields.Next() && n < maxHeaders; n++ {
		key := strings.ToLower(fields.Key())
		v := fields.Value()
		m.raw[key] = append(m.raw[key], v)
		m.decoded[key] = append(m.decoded[key], decodeHeader(v))
	}
	return m, nil
}

// section returns a reader of the message from off on.
func (m *message) section(off int64) *io.SectionReader {
	n := m.size - off
	if m.size <= 0 {
		n = 1<<62 - off
	}
	return io.NewSectionReader(m.r, off, n)
}

// decodeHeader decodes RFC 2047 encoded words; undecodable text stays.
func decodeHeader(v string) string {
	if !strings.Contains(v, "=?") {
		return v
	}
	d, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		return v
	}
	return d
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

// addressesOf parses an address-list header value leniently: group syntax
// is understood, encoded display names are decoded, and when the list as a
// whole does not parse, each comma-separated piece is tried on its own.
func addressesOf(raw string) []string {
	p := mail.AddressParser{WordDecoder: wordDecoder}
	if list, err := p.ParseList(raw); err == nil {
		out := make([]string, 0, len(list))
		for _, a := range list {
			out = append(out, a.Address)
		}
		return out
	}
	var out []string
	for _, piece := range strings.Split(raw, ",") {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		if a, err := p.Parse(piece); err == nil {
			out = append(out, a.Address)
		} else if i, j := strings.LastIndexByte(piece, '<'), strings.LastIndexByte(piece, '>'); i >= 0 && j > i+1 {
			out = append(out, strings.TrimSpace(piece[i+1:j]))
		}
	}
	return out
}

// splitAddr splits an addr-spec at its last "@".
func splitAddr(addr string) (local, domain string, ok bool) {
	i := strings.LastIndexByte(addr, '@')
	if i <= 0 || i == len(addr)-1 {
		return addr, "", false
	}
	return addr[:i], addr[i+1:], true
}
