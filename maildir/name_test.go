package maildir_test

import (
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want maildir.Name
	}{
		{"courier, from the Dovecot docs",
			"1491941793.M41850P8566V0000000000000015I0000000004F3030E_0.mx1.example.com,S=10956:2,STln",
			maildir.Name{Sec: 1491941793, Usec: 41850, PID: 8566, Uniq: "0", Host: "mx1.example.com", Size: 10956, VSize: -1, Flags: "STln"}},
		{"dovecot",
			"1035478339.M27867P27342.host.example.org,S=1000,W=1030:2,S",
			maildir.Name{Sec: 1035478339, Usec: 27867, PID: 27342, Host: "host.example.org", Size: 1000, VSize: 1030, Flags: "S"}},
		{"letterbox",
			`1763712000.M5P42V803I1a2bQ7R0123456789abcdef_warn.mx\0571\072a\054b,S=12,W=14`,
			maildir.Name{Sec: 1763712000, Usec: 5, PID: 42, Uniq: "warn", Host: "mx/1:a,b", Size: 12, VSize: 14}},
		{"qmail old style", "1035478339.27342.host",
			maildir.Name{Sec: 1035478339, PID: 27342, Host: "host", Size: -1, VSize: -1}},
		{"qmail pid_count", "1035478339.27342_3.host:2,",
			maildir.Name{Sec: 1035478339, PID: 27342, Uniq: "3", Host: "host", Size: -1, VSize: -1}},
		{"go-maildir, middle skipped", "1700000000.12345678abcdef0123456789.host",
			maildir.Name{Sec: 1700000000, Host: "host", Size: -1, VSize: -1}},
		{"postfix virtual", "1700000000.V803I1a2bM123456.host",
			maildir.Name{Sec: 1700000000, Usec: 123456, Host: "host", Size: -1, VSize: -1}},
		{"unknown field ignored", "1.M1P2.h,X=abc,S=3",
			maildir.Name{Sec: 1, Usec: 1, PID: 2, Host: "h", Size: 3, VSize: -1}},
		{"stray backslash kept", `1.M1P2.h\9`,
			maildir.Name{Sec: 1, Usec: 1, PID: 2, Host: `h\9`, Size: -1, VSize: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := maildir.ParseName(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseName_errors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"",
		".hidden.M1.h",
		"maildirfolder",
		"1.M1P2",
		"x.M1P2.h",
		"-1.M1P2.h",
		"1.M1P2.h:1,S",
		"1.M1P2.h,S=-3",
		"1.M1P2.h,W=12k",
		"1.M1/P2.h",
		"1.M1P2.h\x00",
	} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			_, err := maildir.ParseName(in)
			require.ErrorIs(t, err, maildir.ErrBadName)
		})
	}
}
