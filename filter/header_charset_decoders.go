package filter

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// The decoders in this file read charsets the way glibc's iconv does
// where Go's tables (which follow WHATWG and the Microsoft supersets)
// differ; header_charset_e2e_test.go compares them with iconv.

// asciiEncoding is US-ASCII under a name Dovecot does not read as UTF-8:
// every byte above 0x7f is invalid.
type asciiEncoding struct{}

// NewDecoder implements decoderMaker.
func (asciiEncoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: asciiDecoder{}}
}

// asciiDecoder replaces bytes above 0x7f with U+FFFD.
type asciiDecoder struct{ transform.NopResetter }

// Transform implements transform.Transformer.
func (asciiDecoder) Transform(dst, src []byte, _ bool) (nDst, nSrc int, err error) {
	for _, c := range src {
		if c < 0x80 {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
		} else {
			if nDst+3 > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			nDst += copy(dst[nDst:], replacementChar)
		}
		nSrc++
	}
	return nDst, nSrc, nil
}

// c1 is an ISO 8859 charset as glibc reads it: bytes 0x80 to 0x9f are the
// C1 control characters, which Go's tables (following WHATWG) leave out.
func c1(cm *charmap.Charmap) decoderMaker { return patchedCharmap{cm: cm, c1: true} }

// patchedCharmap is a charmap.Charmap corrected to agree with glibc: with
// the C1 controls filled in, and single bytes mapped differently (U+FFFD:
// invalid).
type patchedCharmap struct {
	cm    *charmap.Charmap
	c1    bool
	patch map[byte]rune
}

// NewDecoder implements decoderMaker.
func (p patchedCharmap) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: patchedDecoder{p}}
}

// patchedDecoder decodes one byte at a time.
type patchedDecoder struct{ patchedCharmap }

// Reset implements transform.Transformer.
func (patchedDecoder) Reset() {}

// Transform implements transform.Transformer.
func (d patchedDecoder) Transform(dst, src []byte, _ bool) (nDst, nSrc int, err error) {
	for _, c := range src {
		r := d.cm.DecodeByte(c)
		if p, ok := d.patch[c]; ok {
			r = p
		} else if d.c1 && c >= 0x80 && c < 0xa0 {
			r = rune(c)
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc++
	}
	return nDst, nSrc, nil
}

// dbcs is a double-byte charset as glibc reads it, stricter than the
// Microsoft supersets (GBK, UHC, Windows-31J) Go decodes: only the bytes
// single accepts stand alone, only the pairs pair accepts are looked up,
// and a pair the standard leaves empty is invalid. An invalid byte
// becomes U+FFFD and reading goes on with the next byte, as iconv does
// for Dovecot.
type dbcs struct {
	inner  decoderMaker
	forms  map[rune]rune               // applied to decoded pairs
	single func(c byte) (string, bool) // a one-byte character
	pair   func(lead, trail byte) bool // bytes that may make a pair
	triple byte                        // lead of EUC three-byte sequences, or 0
}

// NewDecoder implements decoderMaker.
func (e dbcs) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: dbcsDecoder{e}}
}

// dbcsDecoder decodes a dbcs.
type dbcsDecoder struct{ dbcs }

// Reset implements transform.Transformer.
func (dbcsDecoder) Reset() {}

// Transform implements transform.Transformer.
func (d dbcsDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	return decodeSteps(dst, src, func(i int) (string, int, bool) {
		c := src[i]
		out, ok := d.single(c)
		switch {
		case ok:
		case i+1 == len(src) && !atEOF && d.pair(c, 0xa1):
			return "", 0, false
		case d.triple != 0 && c == d.triple:
			if len(src)-i < 3 && !atEOF && eucTail(src[i+1:]) {
				return "", 0, false
			}
			if len(src)-i >= 3 && eucPair(src[i+1], src[i+2]) {
				if out, ok = d.decode(src[i : i+3]); ok {
					return out, 3, true
				}
			}
		case i+1 < len(src) && d.pair(c, src[i+1]):
			if out, ok = d.decode(src[i : i+2]); ok {
				return out, 2, true
			}
		}
		return out, 1, ok
	})
}

// decodeSteps is the loop of the decoders that read one character at a
// time. step reads the character at src[i:] and returns its text, the
// number of bytes it takes (0: more input is needed to tell) and whether
// it is valid; an invalid character becomes U+FFFD.
func decodeSteps(dst, src []byte, step func(i int) (out string, n int, ok bool)) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		out, n, ok := step(nSrc)
		if n == 0 {
			return nDst, nSrc, transform.ErrShortSrc
		}
		if !ok {
			out = replacementChar
		}
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += n
	}
	return nDst, nSrc, nil
}

// decode decodes bytes that must make one assigned character.
func (d dbcs) decode(b []byte) (string, bool) {
	out, err := d.inner.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	r, size := utf8.DecodeRune(out)
	if size != len(out) || r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff {
		return "", false
	}
	if f, ok := d.forms[r]; ok {
		r = f
	}
	return string(r), true
}

// eucTail reports whether b can start the rest of an EUC sequence.
func eucTail(b []byte) bool {
	return len(b) == 0 || b[0] >= 0xa1 && b[0] <= 0xfe
}

// eucPair accepts the pairs of an EUC charset: both bytes 0xa1 to 0xfe.
func eucPair(lead, trail byte) bool {
	return lead >= 0xa1 && lead <= 0xfe && trail >= 0xa1 && trail <= 0xfe
}

// gb2312 is EUC-CN (GB 2312): ASCII and EUC pairs.
var gb2312 = dbcs{inner: simplifiedchinese.GBK, pair: eucPair, single: func(c byte) (string, bool) {
	return string(c), c < 0x80
}}

// ksc5601 is EUC-KR (KS X 1001): ASCII, C1 controls and EUC pairs.
var ksc5601 = dbcs{inner: korean.EUCKR, pair: eucPair, single: func(c byte) (string, bool) {
	return string(rune(c)), c < 0xa0
}}

// shiftJIS is Shift_JIS as JIS X 0201 and JIS X 0208 define it: the yen
// sign and overline at 0x5c and 0x7e, half-width katakana, and no vendor
// rows (NEC row 13, IBM extensions, user-defined area).
var shiftJIS = dbcs{inner: japanese.ShiftJIS, forms: jisForms,
	single: func(c byte) (string, bool) {
		switch {
		case c == 0x5c:
			return "\u00a5", true
		case c == 0x7e:
			return "\u203e", true
		case c < 0x80:
			return string(c), true
		case c >= 0xa1 && c <= 0xdf:
			return string(rune(0xff61 + int(c) - 0xa1)), true
		}
		return "", false
	},
	pair: func(lead, trail byte) bool {
		okLead := lead >= 0x81 && lead <= 0x9f && lead != 0x87 || lead >= 0xe0 && lead <= 0xea
		return okLead && trail >= 0x40 && trail <= 0xfc && trail != 0x7f
	},
}

// eucJP is EUC-JP as glibc reads it: ASCII, C1 controls, JIS X 0208
// without vendor rows (NEC row 13, rows 85 to 94), half-width katakana
// after 0x8e and JIS X 0212 after 0x8f.
var eucJP = dbcs{inner: japanese.EUCJP, forms: jisForms, triple: 0x8f,
	single: func(c byte) (string, bool) {
		return string(rune(c)), c < 0xa0 && c != 0x8e && c != 0x8f
	},
	pair: func(lead, trail byte) bool {
		if lead == 0x8e {
			return trail >= 0xa1 && trail <= 0xdf
		}
		return eucPair(lead, trail) && lead != 0xad && lead < 0xf5
	},
}

// iso2022JP is ISO-2022-JP (RFC 1468) as glibc reads it: ASCII, JIS-Roman
// and JIS X 0208 switched by escape sequences, the last read as eucJP.
type iso2022JP struct{}

// NewDecoder implements decoderMaker.
func (iso2022JP) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: &iso2022JPDecoder{}}
}

// iso2022JPDecoder holds the character set in use: 0 ASCII, 'J'
// JIS-Roman, '$' JIS X 0208.
type iso2022JPDecoder struct{ set byte }

// Reset implements transform.Transformer.
func (d *iso2022JPDecoder) Reset() { d.set = 0 }

// iso2022JPEscapes are the escape sequences (after ESC) and their sets.
var iso2022JPEscapes = map[string]byte{"(B": 0, "(J": 'J', "$@": '$', "$B": '$'}

// Transform implements transform.Transformer.
func (d *iso2022JPDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	return decodeSteps(dst, src, func(i int) (string, int, bool) {
		c := src[i]
		switch {
		case c == 0x1b:
			if len(src)-i < 3 && !atEOF {
				return "", 0, false
			}
			if len(src)-i >= 3 {
				if set, known := iso2022JPEscapes[string(src[i+1:i+3])]; known {
					d.set = set
					return "", 3, true
				}
			}
			return "\x1b", 1, true
		case c >= 0x80:
			return "", 1, false
		case d.set != '$' || c < 0x21 || c == 0x7f:
			if d.set == 'J' && (c == 0x5c || c == 0x7e) {
				out, _ := shiftJIS.single(c)
				return out, 1, true
			}
			return string(c), 1, true
		case i+1 == len(src) && !atEOF:
			return "", 0, false
		case i+1 < len(src) && eucJP.pair(c|0x80, src[i+1]|0x80) && src[i+1] < 0x80:
			if out, ok := eucJP.decode([]byte{c | 0x80, src[i+1] | 0x80}); ok {
				return out, 2, true
			}
		}
		return "", 1, false
	})
}
