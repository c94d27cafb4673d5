package component

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	tests := []struct {
		name    string
		wantErr string // substring; "" means valid
	}{
		{"db", ""},
		{"db.pool", ""},
		{"saas.client", ""},
		{"a_b-c.0.z9", ""},
		{"", "empty"},
		{".db", "empty segment at offset 0"},
		{"db.", "empty segment at offset 3"},
		{"db..pool", "empty segment at offset 3"},
		{"Db", "character 'D' at offset 0"},
		{"db pool", "character ' ' at offset 2"},
		{"db.*", "character '*' at offset 3"},
		{"db/pool", "character '/' at offset 2"},
		{"é", "at offset 0"},
	}
	for _, tt := range tests {
		err := CheckName(tt.name)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("CheckName(%q) = %v, want nil", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("CheckName(%q) = nil, want error containing %q", tt.name, tt.wantErr)
			continue
		}
		if !errors.Is(err, ErrInvalidName) {
			t.Errorf("CheckName(%q) = %v, does not wrap ErrInvalidName", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), NameRule) {
			t.Errorf("CheckName(%q) = %q, want it to contain %q and the rule", tt.name, err, tt.wantErr)
		}
	}
}
