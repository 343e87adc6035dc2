package maildir

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMUTF7_roundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct{ utf8, mutf7 string }{
		{"", ""},
		{"Junk", "Junk"},
		{"Entwürfe", "Entw&APw-rfe"},
		{"R&D", "R&-D"},
		{"&", "&-"},
		{"&&", "&-&-"},
		{"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"}, // RFC 3501 section 5.1.3
		{"Gelöschte Elemente", "Gel&APY-schte Elemente"},
		{"Черновики", "&BCcENQRABD0EPgQyBDgEOgQ4-"},
		{"ä&ö", "&AOQ-&-&APY-"},
		{"😀", "&2D3eAA-"},
		{"a\x01b", "a&AAE-b"},
		{"€uro", "&IKw-uro"},
	}
	for _, tt := range tests {
		t.Run(tt.mutf7, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.mutf7, encodeMUTF7(tt.utf8))
			got, err := decodeMUTF7(tt.mutf7)
			require.NoError(t, err)
			assert.Equal(t, tt.utf8, got)
		})
	}
}

func TestMUTF7_decodeRefusesNonCanonical(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"unterminated":            "Entw&APw",
		"8-bit byte":              "Entwürfe",
		"control byte":            "a\tb",
		"bad base64 character":    "&AP/-",
		"standard base64 slash":   "&U/BTFw-",
		"ASCII inside a run":      "&AGE-", // "a"
		"odd byte count":          "&AP-",
		"non-zero padding bits":   "&APx-",
		"adjacent runs":           "&AOQ-&APY-",
		"lone high surrogate":     "&2D0-",
		"lone low surrogate":      "&3gA-",
		"swapped surrogates":      "&3gDYPQ-",
		"single base64 character": "&A-",
		"newline in run":          "&AP\nw-",
		"padding character":       "&APw=-",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeMUTF7(in)
			require.ErrorIs(t, err, errMUTF7)
		})
	}
}
