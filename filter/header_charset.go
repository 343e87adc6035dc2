package filter

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// Dovecot converts encoded words with the system's iconv (glibc on
// Debian), so a charset is known exactly when glibc knows its name, and
// glibc's names are not the WHATWG or IANA lists: "latin-1" and
// "x-mac-roman" are unknown to it, "l1" and "cp819" are Latin-1. The
// table below lists, for each charset Go can convert, the names glibc
// accepts for it; any other name is an unknown charset.

// decoderMaker is the half of encoding.Encoding that decoding needs.
type decoderMaker interface {
	NewDecoder() *encoding.Decoder
}

// charsetNames maps an encoding to its glibc names.
var charsetNames = []struct {
	enc   decoderMaker
	names string
}{
	{charmap.ISO8859_1, "ISO-8859-1 ISO-IR-100 ISO_8859-1:1987 ISO_8859-1 ISO8859-1 ISO88591 LATIN1 L1 IBM819 CP819 CSISOLATIN1 8859_1"},
	{c1(charmap.ISO8859_2), "ISO-8859-2 ISO-IR-101 ISO_8859-2:1987 ISO_8859-2 ISO8859-2 ISO88592 LATIN2 L2 CSISOLATIN2 8859_2 IBM912 CP912"},
	{c1(charmap.ISO8859_3), "ISO-8859-3 ISO-IR-109 ISO_8859-3:1988 ISO_8859-3 ISO8859-3 ISO88593 LATIN3 L3 CSISOLATIN3 8859_3"},
	{c1(charmap.ISO8859_4), "ISO-8859-4 ISO-IR-110 ISO_8859-4:1988 ISO_8859-4 ISO8859-4 ISO88594 LATIN4 L4 CSISOLATIN4 8859_4"},
	{c1(charmap.ISO8859_5), "ISO-8859-5 ISO-IR-144 ISO_8859-5:1988 ISO_8859-5 ISO8859-5 ISO88595 CYRILLIC CSISOLATINCYRILLIC 8859_5 IBM915 CP915"},
	{c1(charmap.ISO8859_7), "ISO-8859-7 ISO-IR-126 ISO_8859-7:2003 ISO_8859-7:1987 ISO_8859-7 ISO8859-7 ISO88597 ELOT_928 ECMA-118 GREEK GREEK8 CSISOLATINGREEK 8859_7 IBM813 CP813"},
	{c1(charmap.ISO8859_9), "ISO-8859-9 ISO-IR-148 ISO_8859-9:1989 ISO_8859-9 ISO8859-9 ISO88599 LATIN5 L5 CSISOLATIN5 8859_9 IBM920 CP920 TS-5881 ECMA-128"},
	{c1(charmap.ISO8859_10), "ISO-8859-10 ISO-IR-157 ISO_8859-10:1992 ISO_8859-10 ISO8859-10 ISO885910 LATIN6 L6 CSISOLATIN6"},
	{c1(charmap.ISO8859_13), "ISO-8859-13 ISO8859-13 ISO885913 ISO-IR-179 LATIN7 L7 BALTIC"},
	{c1(charmap.ISO8859_14), "ISO-8859-14 ISO8859-14 ISO885914 ISO-IR-199 LATIN8 L8 ISO_8859-14:1998 ISO_8859-14 ISO-CELTIC"},
	{c1(charmap.ISO8859_15), "ISO-8859-15 ISO8859-15 ISO885915 ISO-IR-203 ISO_8859-15 LATIN-9 LATIN9 ISO_8859-15:1998"},
	{c1(charmap.ISO8859_16), "ISO-8859-16 ISO8859-16 ISO885916 ISO-IR-226 LATIN10 L10 ISO_8859-16:2001 ISO_8859-16"},
	{charmap.Windows1250, "CP1250 MS-EE WINDOWS-1250"},
	{charmap.Windows1251, "CP1251 MS-CYRL WINDOWS-1251"},
	{charmap.Windows1252, "CP1252 MS-ANSI WINDOWS-1252"},
	{charmap.Windows1253, "CP1253 MS-GREEK WINDOWS-1253"},
	{charmap.Windows1254, "CP1254 MS-TURK WINDOWS-1254"},
	{patchedCharmap{cm: charmap.Windows1255, patch: map[byte]rune{0xca: utf8.RuneError}}, "CP1255 MS-HEBR WINDOWS-1255"},
	{charmap.Windows1256, "CP1256 MS-ARAB WINDOWS-1256"},
	{charmap.Windows1257, "CP1257 WINBALTRIM WINDOWS-1257"},
	{charmap.KOI8R, "KOI8-R CSKOI8R KOI8R"},
	{patchedCharmap{cm: charmap.Macintosh, patch: map[byte]rune{0xc6: 0x394, 0xf0: 0xe01e}}, "MACINTOSH MAC CSMACINTOSH"},
	{c1(charmap.ISO8859_6), "ISO-8859-6 ISO-IR-127 ISO_8859-6:1987 ISO_8859-6 ISO8859-6 ISO88596 ECMA-114 ASMO-708 ARABIC CSISOLATINARABIC 8859_6 IBM1089 CP1089"},
	{c1(charmap.ISO8859_8), "ISO-8859-8 ISO-IR-138 ISO_8859-8:1988 ISO_8859-8 ISO8859-8 ISO88598 HEBREW CSISOLATINHEBREW 8859_8 IBM916 CP916"},
	{patchedCharmap{cm: charmap.KOI8U, patch: map[byte]rune{0xae: 0x255d, 0xbe: 0x256c}}, "KOI8-U KOI8U"},
	{charmap.Windows1258, "CP1258 WINDOWS-1258"},
	{charmap.Windows874, "CP874 WINDOWS-874 IBM874 874"},
	{patchedCharmap{cm: charmap.Windows874, patch: tis620Gaps}, "TIS-620 TIS620 TIS620-0 TIS620.2529-1 TIS620.2533-0 ISO-IR-166"},
	{patchedCharmap{cm: charmap.Windows874, c1: true}, "ISO-8859-11 ISO8859-11 ISO885911"},
	{patchedCharmap{cm: charmap.MacintoshCyrillic, patch: map[byte]rune{0xff: 0xa4}}, "MAC-CYRILLIC MACCYRILLIC"},
	{charmap.CodePage437, "IBM437 CP437 437 CSPC8CODEPAGE437"},
	{charmap.CodePage850, "IBM850 CP850 850 CSPC850MULTILINGUAL"},
	{charmap.CodePage852, "IBM852 CP852 852 CSPCP852"},
	{charmap.CodePage855, "IBM855 CP855 855 CSIBM855"},
	{charmap.CodePage858, "IBM858 CP858 858 CSPC858MULTILINGUAL"},
	{charmap.CodePage860, "IBM860 CP860 860 CSIBM860"},
	{charmap.CodePage862, "IBM862 CP862 862 CSPC862LATINHEBREW"},
	{charmap.CodePage863, "IBM863 CP863 863 CSIBM863"},
	{charmap.CodePage865, "IBM865 CP865 865 CSIBM865"},
	{charmap.CodePage866, "IBM866 CP866 866 CSIBM866"},
	{eucJP, "EUC-JP EUCJP CSEUCPKDFMTJAPANESE UJIS"},
	{shiftJIS, "SJIS SHIFT-JIS SHIFT_JIS MS_KANJI CSSHIFTJIS"},
	{japanese.ShiftJIS, "CP932 WINDOWS-31J MS932"},
	{iso2022JP{}, "ISO-2022-JP CSISO2022JP ISO2022JP"},
	{ksc5601, "EUC-KR EUCKR CSEUCKR"},
	{korean.EUCKR, "UHC CP949"},
	{gb2312, "EUC-CN EUCCN GB2312 CSGB2312 CN-GB"},
	{simplifiedchinese.GBK, "GBK CP936 MS936 WINDOWS-936"},
	{simplifiedchinese.GB18030, "GB18030"},
	{traditionalchinese.Big5, "BIG5 BIG-FIVE BIGFIVE BIG-5 CN-BIG5 CP950"},
	{unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "UTF-16 UTF16"},
	{unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE"},
	{unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE"},
	{utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), "UTF-32 UTF32"},
	{utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "UTF-32LE"},
	{utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "UTF-32BE"},
	{unicode.UTF8, "ISO-IR-193"},
	{asciiEncoding{}, "ANSI_X3.4-1968 ISO-IR-6 ANSI_X3.4-1986 ISO_646.IRV:1991 ISO646-US US IBM367 CP367 CSASCII"},
}

// jisForms maps the Microsoft forms of a few JIS X 0208 characters, which
// Go's tables (following WHATWG) give, to the JIS forms glibc gives.
var jisForms = map[rune]rune{0xff5e: 0x301c, 0xff0d: 0x2212, 0x2225: 0x2016, 0xffe0: 0xa2, 0xffe1: 0xa3, 0xffe2: 0xac}

// tis620Gaps are the bytes Windows-874 adds to TIS-620.
var tis620Gaps = map[byte]rune{
	0x80: utf8.RuneError, 0x85: utf8.RuneError, 0x91: utf8.RuneError, 0x92: utf8.RuneError,
	0x93: utf8.RuneError, 0x94: utf8.RuneError, 0x95: utf8.RuneError, 0x96: utf8.RuneError,
	0x97: utf8.RuneError, 0xa0: utf8.RuneError,
}

// charsets maps a normalised glibc charset name to its encoding.
var charsets = func() map[string]decoderMaker {
	m := map[string]decoderMaker{}
	for _, c := range charsetNames {
		for _, n := range strings.Fields(c.names) {
			m[normaliseCharset(n)] = c.enc
		}
	}
	return m
}()

// normaliseCharset normalises a charset name the way glibc's iconv does
// before looking it up: upper case, and only letters, digits and "_-.,:"
// kept, up to the first "/".
func normaliseCharset(name string) string {
	name, _, _ = strings.Cut(name, "/")
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-.,:", c) >= 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lookupCharset returns the converter of a charset glibc knows.
func lookupCharset(name string) (func([]byte) string, bool) {
	enc, ok := charsets[normaliseCharset(name)]
	if !ok {
		return nil, false
	}
	return func(text []byte) string { return convert(enc, text) }, true
}

// convert converts text to UTF-8 as iconv does for Dovecot: an invalid
// sequence becomes one U+FFFD (consecutive ones merge), and an incomplete
// sequence at the end is dropped.
func convert(enc decoderMaker, text []byte) string {
	dec := enc.NewDecoder()
	dst := make([]byte, 4*len(text)+16)
	n, _, err := dec.Transform(dst, text, false)
	for errors.Is(err, transform.ErrShortDst) {
		dst = make([]byte, 2*len(dst))
		dec.Reset()
		n, _, err = dec.Transform(dst, text, false)
	}
	var d headerDecoder
	d.appendUTF8(string(dst[:n]))
	return mergeReplacements(d.b.String())
}

// mergeReplacements turns each run of U+FFFD into one.
func mergeReplacements(s string) string {
	double := replacementChar + replacementChar
	for strings.Contains(s, double) {
		s = strings.ReplaceAll(s, double, replacementChar)
	}
	return s
}
