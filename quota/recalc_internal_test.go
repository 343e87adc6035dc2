package quota

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/letterbox-mail/letterbox/maildir"
)

// TestNameInfo_agreesWithParseName checks the fast name reader against
// maildir.ParseName.
func TestNameInfo_agreesWithParseName(t *testing.T) {
	t.Parallel()
	names := []string{
		"1795247614.M133676P8176V000000000000FE00I00000000009842C4.vm,S=18",
		"1795247614.M148337P8187V000000000000FE00I0000000000984404_warn.vm,S=106:2,ST",
		"1035478339.27041_118.foo.org,S=1000,W=1030:2,S",
		"1700000000.M1P1.bench.test,S=2000,W=2040:2,FS",
		"1700000000.M1P1.host\\054x,S=5:2,",
		"1700000000.M1P1.host",
		"1700000000.M1P1.host:2,T",
	}
	for _, n := range names {
		pn, err := maildir.ParseName(n)
		if !assert.NoError(t, err, n) {
			continue
		}
		size, flags, ok := nameInfo(n)
		assert.Equal(t, pn.Size >= 0, ok, n)
		if ok {
			assert.Equal(t, pn.Size, size, n)
		}
		assert.Equal(t, pn.Flags, flags, n)
	}
}

func TestNameInfo_courierRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		size  int64
		flags string
		ok    bool
	}{
		{"1.a,S=5,S=7:2,S", 7, "S", true},
		{"1.a,S=5x", 0, "", false},
		{"1.a,S=:2,T", 0, "T", false},
		{"1.a:2,S,S=9", 0, "S,S=9", false},
	}
	for _, tt := range tests {
		size, flags, ok := nameInfo(tt.name)
		assert.Equal(t, tt.ok, ok, tt.name)
		assert.Equal(t, tt.size, size, tt.name)
		assert.Equal(t, tt.flags, flags, tt.name)
	}
}
