package quota_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/quota"
)

func TestParseMaildirPlusPlus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    quota.Limits
		badPart string
	}{
		{in: "", want: quota.Limits{}},
		{in: "100000000S", want: quota.Limits{Bytes: 100000000}},
		{in: "1000C", want: quota.Limits{Messages: 1000}},
		{in: "100000000S,1000C", want: quota.Limits{Bytes: 100000000, Messages: 1000}},
		{in: "1000C,5S", want: quota.Limits{Bytes: 5, Messages: 1000}},
		{in: " 10S , 2C ", want: quota.Limits{Bytes: 10, Messages: 2}},
		{in: "0S", want: quota.Limits{}},
		{in: "10S,7X", want: quota.Limits{Bytes: 10, Unknown: []string{"7X"}}},
		{in: "S", badPart: "S"},
		{in: "100", badPart: "100"},
		{in: "10S,,2C", badPart: ""},
		{in: "10S,abc", badPart: "abc"},
		{in: "-5S", badPart: "-5S"},
		{in: "99999999999999999999S", badPart: "99999999999999999999S"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := quota.ParseMaildirPlusPlus(tt.in)
			if tt.badPart != "" || tt.in == "10S,,2C" {
				require.ErrorIs(t, err, quota.ErrBadRule)
				var re *quota.RuleError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, tt.badPart, re.Part)
				assert.Contains(t, err.Error(), `"`+tt.badPart+`"`)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseDovecot(t *testing.T) {
	t.Parallel()
	const k, m, g = 1024, 1024 * 1024, 1024 * 1024 * 1024
	tests := []struct {
		name  string
		rules []string
		want  quota.Limits
	}{
		{"storage is KiB", []string{"*:storage=1000"}, quota.Limits{Bytes: 1000 * k}},
		{"bytes", []string{"*:bytes=104857600"}, quota.Limits{Bytes: 100 * m}},
		{"bytes suffix M", []string{"*:bytes=100M"}, quota.Limits{Bytes: 100 * m}},
		{"storage suffix G", []string{"*:storage=1G"}, quota.Limits{Bytes: g}},
		{"suffix b", []string{"*:storage=512b"}, quota.Limits{Bytes: 512}},
		{"suffix k", []string{"*:bytes=2k"}, quota.Limits{Bytes: 2 * k}},
		{"suffix T", []string{"*:storage=1T"}, quota.Limits{Bytes: 1024 * g}},
		{"suffix GB", []string{"*:storage=2GB"}, quota.Limits{Bytes: 2 * g}},
		{"messages", []string{"*:messages=1000"}, quota.Limits{Messages: 1000}},
		{"two limits", []string{"*:storage=1M:messages=10"}, quota.Limits{Bytes: m, Messages: 10}},
		{"relative plus", []string{"*:storage=1G", "*:storage=+100M"}, quota.Limits{Bytes: g + 100*m}},
		{"relative minus", []string{"*:messages=100", "*:messages=-10"}, quota.Limits{Messages: 90}},
		{"percent", []string{"*:bytes=1000", "*:bytes=50%"}, quota.Limits{Bytes: 500}},
		{"relative percent", []string{"*:bytes=1000", "*:bytes=+10%"}, quota.Limits{Bytes: 1100}},
		{"relative on unlimited", []string{"*:storage=+100M"}, quota.Limits{}},
		{"zero is unlimited", []string{"*:storage=0"}, quota.Limits{}},
		{"ignore", []string{"*:storage=1G", "Trash:ignore"}, quota.Limits{Bytes: g,
			Folders: []quota.FolderRule{{Pattern: "Trash", Ignore: true}}}},
		{"folder relative", []string{"*:storage=1G", "Trash:storage=+100M"}, quota.Limits{Bytes: g,
			Folders: []quota.FolderRule{{Pattern: "Trash", Bytes: quota.Amount{Set: true, Value: 100 * m, Relative: true}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := quota.ParseDovecot(tt.rules...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseDovecot_errors(t *testing.T) {
	t.Parallel()
	tests := []struct{ rule, part string }{
		{"storage=1G", "storage=1G"},
		{"*:storage=", "storage="},
		{"*:storage=abc", "storage=abc"},
		{"*:storage=10X", "storage=10X"},
		{"*:messages=10M", "messages=10M"},
		{"*:size=10", "size=10"},
		{"*:ignore", "ignore"},
		{"Trash:ignore=yes", "ignore=yes"},
		{"*:backend=1G", "backend=1G"},
		{"*:bytes=99999999999T", "bytes=99999999999T"},
		{":storage=1", ":storage=1"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			t.Parallel()
			_, err := quota.ParseDovecot(tt.rule)
			require.ErrorIs(t, err, quota.ErrBadRule)
			var re *quota.RuleError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tt.part, re.Part)
			assert.Equal(t, tt.rule, re.Rule)
		})
	}
}

func TestParse_detectsSyntax(t *testing.T) {
	t.Parallel()
	l, err := quota.Parse("100000000S,1000C")
	require.NoError(t, err)
	assert.Equal(t, quota.Limits{Bytes: 100000000, Messages: 1000}, l)

	l, err = quota.Parse("*:bytes=100M;Trash:ignore")
	require.NoError(t, err)
	assert.Equal(t, int64(100<<20), l.Bytes)
	assert.True(t, l.For("Trash").Ignore)

	l, err = quota.Parse("  ")
	require.NoError(t, err)
	assert.True(t, l.IsZero())
}

func TestLimits_For(t *testing.T) {
	t.Parallel()
	l, err := quota.ParseDovecot("*:bytes=1000:messages=10", "Trash:bytes=+100", "Junk:ignore",
		"Archive/*:messages=50%", "Sent:bytes=5000")
	require.NoError(t, err)
	tests := []struct {
		folder string
		want   quota.Folder
	}{
		{"INBOX", quota.Folder{Limit: quota.Usage{Bytes: 1000, Messages: 10}}},
		{"Trash", quota.Folder{Limit: quota.Usage{Bytes: 1100, Messages: 10}}},
		{"Junk", quota.Folder{Ignore: true}},
		{"Archive/2024", quota.Folder{Limit: quota.Usage{Bytes: 1000, Messages: 5}}},
		{"Sent", quota.Folder{Limit: quota.Usage{Bytes: 5000, Messages: 10}}},
		{"Other", quota.Folder{Limit: quota.Usage{Bytes: 1000, Messages: 10}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, l.For(tt.folder), tt.folder)
	}
}

func TestLimits_Apply_keepsReceiver(t *testing.T) {
	t.Parallel()
	base, err := quota.ParseDovecot("*:storage=1G", "Trash:ignore")
	require.NoError(t, err)
	got, err := base.Apply("*:storage=+1G", "Junk:ignore")
	require.NoError(t, err)
	assert.Equal(t, int64(2<<30), got.Bytes)
	assert.Len(t, got.Folders, 2)
	assert.Len(t, base.Folders, 1)
	assert.Equal(t, int64(1<<30), base.Bytes)
}

func TestLimits_String(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "100000000S,1000C", quota.Limits{Bytes: 100000000, Messages: 1000}.String())
	assert.Equal(t, "1000C", quota.Limits{Messages: 1000}.String())
	assert.Equal(t, "5S", quota.Limits{Bytes: 5}.String())
	assert.Equal(t, "0S", quota.Limits{}.String())
}

func TestPercent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		usage, limit quota.Usage
		want         int
	}{
		{"no limits", quota.Usage{Bytes: 5, Messages: 5}, quota.Usage{}, 0},
		{"bytes", quota.Usage{Bytes: 900}, quota.Usage{Bytes: 1000}, 90},
		{"rounds down", quota.Usage{Bytes: 899}, quota.Usage{Bytes: 1000}, 89},
		{"exactly full", quota.Usage{Bytes: 1000}, quota.Usage{Bytes: 1000}, 100},
		{"over", quota.Usage{Bytes: 1001}, quota.Usage{Bytes: 1000}, 100},
		{"max of both", quota.Usage{Bytes: 100, Messages: 95}, quota.Usage{Bytes: 1000, Messages: 100}, 95},
		{"messages over", quota.Usage{Bytes: 1, Messages: 11}, quota.Usage{Bytes: 1000, Messages: 10}, 100},
		// Above 20,000,000 both sides are divided by 1024 first (Courier):
		// 18,432,000/1024 = 18000, 20,481,023/1024 = 20000 → 90, where
		// the exact ratio is 89.995%.
		{"divide guard", quota.Usage{Bytes: 18_432_000}, quota.Usage{Bytes: 20_481_023}, 90},
		{"no guard below", quota.Usage{Bytes: 18_000_000 - 1}, quota.Usage{Bytes: 20_000_000}, 89},
		{"no guard at 20,000,000", quota.Usage{Bytes: 18_000_000}, quota.Usage{Bytes: 20_000_000}, 90},
		{"negative usage", quota.Usage{Bytes: -5}, quota.Usage{Bytes: 1000}, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, quota.Percent(tt.usage, tt.limit), tt.name)
	}
}
