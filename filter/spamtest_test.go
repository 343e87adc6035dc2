package filter_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

func TestSpamtest(t *testing.T) {
	t.Parallel()
	opts := filter.CompileOptions{
		Extensions: []string{"spamtest", "spamtestplus", "virustest"},
		Spamtest:   filter.ScoreHeader{Header: "X-Spam-Status", Pattern: `score=(-?[0-9.]+)`, Max: 10},
		Virustest:  filter.ScoreHeader{Header: "X-Virus-Level", Length: true, Max: 4},
	}
	tests := []struct {
		test, headers string
		want          bool
	}{
		{`spamtest :value "ge" "6"`, "X-Spam-Status: Yes, score=7.0 required=5.0\r\n", true},
		{`spamtest :value "ge" "6"`, "X-Spam-Status: No, score=1.2 required=5.0\r\n", false},
		{`spamtest :value "eq" "10"`, "X-Spam-Status: Yes, score=42 required=5.0\r\n", true},
		{`spamtest :is "0"`, "", true},
		{`spamtest :percent :value "gt" "50"`, "X-Spam-Status: Yes, score=7.0\r\n", true},
		{`spamtest :percent :is "70"`, "X-Spam-Status: Yes, score=7.0\r\n", true},
		{`virustest :value "eq" "5"`, "X-Virus-Level: ****\r\n", true},
		{`virustest :is "1"`, "X-Virus-Level: \r\n", true},
		{`virustest :is "0"`, "", true},
	}
	for _, tt := range tests {
		src := `require ["spamtestplus", "virustest", "relational", "comparator-i;ascii-numeric", "fileinto"];
if ` + tt.test + ` { fileinto "Yes"; }`
		s := compile(t, src, opts)
		res, err := s.Run(t.Context(), input(tt.headers+"Subject: x\r\n\r\nbody\r\n", testEnvelope))
		require.NoError(t, err)
		assert.Equal(t, tt.want, stores(res)[0] == "Yes", tt.test+" / "+tt.headers)
	}
	compileErr(t, `require "spamtest"; if spamtest :value "ge" "5" { discard; }`, filter.CompileOptions{})
	compileErr(t, `require "spamtest"; if spamtest :percent :is "5" { discard; }`, filter.CompileOptions{Extensions: []string{"spamtest"}})
	_, err := filter.Compile("x", nil, filter.CompileOptions{Extensions: []string{"editheader"}})
	require.Error(t, err)
}
