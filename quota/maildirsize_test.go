package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/quota"
)

func TestParseLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want quota.Usage
		bad  bool
	}{
		{in: "1234 1", want: quota.Usage{Bytes: 1234, Messages: 1}},
		{in: "1234 1\n", want: quota.Usage{Bytes: 1234, Messages: 1}},
		{in: "        1234            1", want: quota.Usage{Bytes: 1234, Messages: 1}},
		{in: "-1234 -1", want: quota.Usage{Bytes: -1234, Messages: -1}},
		{in: "\t5\t\t2\r\n", want: quota.Usage{Bytes: 5, Messages: 2}},
		{in: "0 0", want: quota.Usage{}},
		{in: "", bad: true},
		{in: "1234", bad: true},
		{in: "1 2 3", bad: true},
		{in: "+5 1", bad: true},
		{in: "5 x", bad: true},
		{in: "- 1", bad: true},
		{in: "--5 1", bad: true},
		{in: "99999999999999999999 1", bad: true},
		{in: "5\x001", bad: true},
	}
	for _, tt := range tests {
		got, err := quota.ParseLine(tt.in)
		if tt.bad {
			assert.Error(t, err, "%q", tt.in)
			continue
		}
		require.NoError(t, err, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

func TestFormatLine_roundTrip(t *testing.T) {
	t.Parallel()
	for _, u := range []quota.Usage{{}, {Bytes: 1, Messages: 1}, {Bytes: -77, Messages: -1}} {
		got, err := quota.ParseLine(quota.FormatLine(u))
		require.NoError(t, err)
		assert.Equal(t, u, got)
	}
	assert.Equal(t, "1234 1\n", quota.FormatLine(quota.Usage{Bytes: 1234, Messages: 1}))
}
