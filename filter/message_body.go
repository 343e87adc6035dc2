package filter

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	gomessage "github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
	"github.com/foxcpp/go-sieve/interp"
)

// maxMIMEDepth bounds nested multiparts and message/rfc822 parts.
const maxMIMEDepth = 32

// BodyRaw returns the undecoded body, streamed from the message.
func (m *message) BodyRaw(context.Context) (io.Reader, error) {
	if m.bodyOff < 0 {
		return nil, nil
	}
	return m.section(m.bodyOff), nil
}

// BodyParts returns the parts whose content type matches, as lazy parts
// that re-read the message when opened: a 50 MB attachment is streamed,
// never held in memory.
func (m *message) BodyParts(ctx context.Context, contentTypes []string) ([]interp.BodyPart, error) {
	var parts []interp.BodyPart
	err := m.walk(func(i int, ct string, _ textproto.Header, _ io.Reader) (bool, error) {
		if interp.ContentTypeMatches(ct, contentTypes) {
			parts = append(parts, lazyPart{m: m, index: i, ct: ct})
		}
		return false, ctx.Err()
	})
	return parts, err
}

// lazyPart is the index-th entity of a message in walk order.
type lazyPart struct {
	m     *message
	index int
	ct    string
}

// ContentType implements interp.BodyPart.
func (p lazyPart) ContentType() string { return p.ct }

// Open walks the message again up to this part and returns its decoded
// content: transfer encoding and charset undone; for message/rfc822, the
// header of the enclosed message.
func (p lazyPart) Open(context.Context) (io.ReadCloser, error) {
	var body io.Reader
	err := p.m.walk(func(i int, ct string, h textproto.Header, r io.Reader) (bool, error) {
		if i != p.index {
			return false, nil
		}
		body = decodedBody(ct, h, r)
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, interp.ErrNoBody
	}
	return io.NopCloser(body), nil
}

func decodedBody(ct string, h textproto.Header, r io.Reader) io.Reader {
	if strings.HasPrefix(ct, "multipart/") {
		mh := gomessage.Header{Header: h}
		_, params, _ := mh.ContentType()
		return prologueEpilogue(r, params["boundary"])
	}
	if ct == "message/rfc822" {
		nested, err := textproto.ReadHeader(bufio.NewReader(r))
		if err != nil && nested.Len() == 0 {
			return strings.NewReader("")
		}
		var buf bytes.Buffer
		_ = textproto.WriteHeader(&buf, nested)
		return &buf
	}
	mh := gomessage.Header{Header: h.Copy()}
	mt, params, _ := mh.ContentType()
	charset, hasCharset := params["charset"]
	if hasCharset {
		delete(params, "charset")
		mh.SetContentType(mt, params)
	}
	ent, err := gomessage.New(mh, r)
	if ent == nil || (err != nil && !gomessage.IsUnknownCharset(err)) {
		return r
	}
	return charsetReader(charset, ent.Body)
}

// charsetReader converts a text body from its charset to UTF-8 with the
// charsets header values use (see lookupCharset); UTF-8, US-ASCII, no
// charset and a charset glibc does not know leave the body as it is.
func charsetReader(charset string, body io.Reader) io.Reader {
	if charset == "" || isUTF8Charset(charset) {
		return body
	}
	enc, ok := charsets[normaliseCharset(charset)]
	if !ok {
		return body
	}
	return enc.NewDecoder().Reader(body)
}

// walkFn sees each entity that is not a multipart container, with its
// index in walk order; it returns true to stop.
type walkFn func(i int, ct string, h textproto.Header, body io.Reader) (bool, error)

// walk visits the entities of the message in order.
func (m *message) walk(fn walkFn) error {
	br := bufio.NewReader(m.section(0))
	h, err := textproto.ReadHeader(br)
	if err != nil && h.Len() == 0 {
		return nil
	}
	n := 0
	_, err = walkEntity(h, br, fn, &n, 0)
	return err
}

func walkEntity(h textproto.Header, body io.Reader, fn walkFn, n *int, depth int) (bool, error) {
	mh := gomessage.Header{Header: h}
	ct, params, _ := mh.ContentType()
	ct = strings.ToLower(ct)
	if ct == "" {
		ct = "text/plain"
	}
	if strings.HasPrefix(ct, "multipart/") && depth < maxMIMEDepth {
		return walkMultipart(ct, params["boundary"], h, body, fn, n, depth)
	}
	i := *n
	*n++
	stop, err := fn(i, ct, h, body)
	if stop || err != nil || ct != "message/rfc822" || depth >= maxMIMEDepth {
		return stop, err
	}
	br := bufio.NewReader(body)
	nested, err := textproto.ReadHeader(br)
	if err != nil && nested.Len() == 0 {
		return false, nil
	}
	return walkEntity(nested, br, fn, n, depth+1)
}

// walkMultipart visits a multipart container (whose content is its
// prologue and epilogue, RFC 5173 section 5.2) and then its parts.
func walkMultipart(ct, boundary string, h textproto.Header, body io.Reader, fn walkFn, n *int, depth int) (bool, error) {
	i := *n
	*n++
	if stop, err := fn(i, ct, h, body); stop || err != nil {
		return stop, err
	}
	mr := textproto.NewMultipartReader(body, boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return false, nil
		}
		if stop, err := walkEntity(part.Header, part, fn, n, depth+1); stop || err != nil {
			return stop, err
		}
	}
}

// maxPrologueBytes bounds the multipart prologue and epilogue kept.
const maxPrologueBytes = 64 << 10

// prologueEpilogue reads a raw multipart body and returns the text before
// the first boundary and after the closing one, separated by CRLF.
func prologueEpilogue(r io.Reader, boundary string) io.Reader {
	dash := []byte("--" + boundary)
	br := bufio.NewReader(r)
	var pro, epi bytes.Buffer
	state := 0 // 0 prologue, 1 parts, 2 epilogue
	for {
		line, err := br.ReadSlice('\n')
		trimmed := bytes.TrimRight(line, " \t\r\n")
		switch {
		case state < 2 && bytes.Equal(trimmed, append(dash, '-', '-')):
			state = 2
		case state < 2 && bytes.Equal(trimmed, dash):
			state = 1
		case state == 0 && pro.Len() < maxPrologueBytes:
			pro.Write(line)
		case state == 2 && epi.Len() < maxPrologueBytes:
			epi.Write(line)
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			break
		}
	}
	out := bytes.TrimRight(pro.Bytes(), "\r\n")
	out = append(out, '\r', '\n')
	out = append(out, bytes.TrimRight(bytes.TrimLeft(epi.Bytes(), "\r\n"), "\r\n")...)
	return bytes.NewReader(out)
}
