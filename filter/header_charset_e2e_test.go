package filter

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// findIconv returns the path of the system's iconv program (glibc's on
// Debian, the converter Dovecot uses), or skips the test without it,
// failing instead with E2E_REQUIRED=1.
func findIconv(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("iconv")
	if err != nil {
		if os.Getenv("E2E_REQUIRED") == "1" {
			t.Fatalf("iconv: %v", err)
		}
		t.Skipf("iconv: %v", err)
	}
	return p
}

// TestCharsets_singleByteLikeIconv converts every byte of each single-byte
// charset of the table with glibc's iconv and with convert: both must
// give the same character, or both find it invalid.
func TestCharsets_singleByteLikeIconv(t *testing.T) {
	t.Parallel()
	iconv := findIconv(t)
	for _, c := range charsetNames {
		if !singleByte(c.enc) {
			continue
		}
		name := strings.Fields(c.names)[0]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var in bytes.Buffer
			for b := 0; b < 256; b++ {
				if b != '\n' {
					in.Write([]byte{byte(b), '\n'})
				}
			}
			cmd := exec.CommandContext(t.Context(), iconv, "-c", "-f", name, "-t", "UTF-8")
			cmd.Stdin = &in
			out, _ := cmd.Output()
			lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			require.Len(t, lines, 255)
			i := 0
			for b := 0; b < 256; b++ {
				if b == '\n' {
					continue
				}
				want := lines[i]
				i++
				if want == "" {
					want = replacementChar
				}
				assert.Equal(t, want, convert(c.enc, []byte{byte(b)}), "byte %#02x", b)
			}
		})
	}
}

func singleByte(e decoderMaker) bool {
	switch e.(type) {
	case *charmap.Charmap, patchedCharmap:
		return true
	}
	return false
}

// TestCharsets_multiByteLikeIconv converts everyday text of each
// multi-byte charset with glibc's iconv and with convert. Vendor
// extensions (NEC and IBM rows, GBK beyond GB 2312, Big5 kana) still
// differ and are left out.
func TestCharsets_multiByteLikeIconv(t *testing.T) {
	t.Parallel()
	iconv := findIconv(t)
	const jis = "日本語のテキスト、漢字とかなカナ。～－ ABC\\~"
	tests := []struct {
		name, text string
		enc        encoding.Encoding
	}{
		{"SJIS", jis, japanese.ShiftJIS},
		{"Shift_JIS", jis, japanese.ShiftJIS},
		{"CP932", jis, japanese.ShiftJIS},
		{"EUC-JP", jis, japanese.EUCJP},
		{"ISO-2022-JP", jis, japanese.ISO2022JP},
		{"EUC-KR", "한국어 테스트", korean.EUCKR},
		{"GB2312", "中文测试", simplifiedchinese.GBK},
		{"GBK", "中文测试", simplifiedchinese.GBK},
		{"GB18030", "中文测试", simplifiedchinese.GB18030},
		{"Big5", "繁體中文測試", traditionalchinese.Big5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := tt.enc.NewEncoder().Bytes([]byte(tt.text))
			require.NoError(t, err)
			cmd := exec.CommandContext(t.Context(), iconv, "-f", tt.name, "-t", "UTF-8")
			cmd.Stdin = bytes.NewReader(in)
			want, err := cmd.Output()
			require.NoError(t, err)
			conv, ok := lookupCharset(tt.name)
			require.True(t, ok)
			assert.Equal(t, string(want), conv(in))
		})
	}
}
