// This file checks the manifests of examples/kubernetes. It lives in the bench
// module because it needs a YAML parser, which must not enter scopelog's own
// go.mod. It is in package bench, not bench_test, so that its many small
// type names stay apart from the benchmarks'.
package bench

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scopelog/scopelog/registry"
)

// kubernetesDir holds the manifests, relative to the bench directory.
const kubernetesDir = "../examples/kubernetes"

type metadata struct {
	Name   string            `yaml:"name"`
	Labels map[string]string `yaml:"labels"`
}

type configMap struct {
	APIVersion string            `yaml:"apiVersion"`
	Kind       string            `yaml:"kind"`
	Metadata   metadata          `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
}

type deployment struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   metadata `yaml:"metadata"`
	Spec       struct {
		Replicas int `yaml:"replicas"`
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
		Template struct {
			Metadata metadata `yaml:"metadata"`
			Spec     podSpec  `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type podSpec struct {
	TerminationGracePeriodSeconds int         `yaml:"terminationGracePeriodSeconds"`
	Containers                    []container `yaml:"containers"`
	Volumes                       []volume    `yaml:"volumes"`
}

type container struct {
	Name           string          `yaml:"name"`
	Image          string          `yaml:"image"`
	Command        []string        `yaml:"command"`
	Args           []string        `yaml:"args"`
	Ports          []containerPort `yaml:"ports"`
	ReadinessProbe *probe          `yaml:"readinessProbe"`
	LivenessProbe  *probe          `yaml:"livenessProbe"`
	VolumeMounts   []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		SubPath   string `yaml:"subPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
}

type containerPort struct {
	Name          string `yaml:"name"`
	ContainerPort int    `yaml:"containerPort"`
}

type keyToPath struct {
	Key  string `yaml:"key"`
	Path string `yaml:"path"`
}

type probe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
		Port string `yaml:"port"`
	} `yaml:"httpGet"`
}

type volume struct {
	Name      string `yaml:"name"`
	ConfigMap *struct {
		Name        string      `yaml:"name"`
		DefaultMode *int        `yaml:"defaultMode"`
		Items       []keyToPath `yaml:"items"`
	} `yaml:"configMap"`
}

// load decodes the one document of file into v, refusing any field v does
// not know, so that a misspelled key ("subpath", "volumeMount") fails here
// rather than being ignored by a cluster.
func load(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func manifests(t *testing.T) (configMap, deployment) {
	t.Helper()
	var cm configMap
	var d deployment
	load(t, filepath.Join(kubernetesDir, "configmap.yaml"), &cm)
	load(t, filepath.Join(kubernetesDir, "deployment.yaml"), &d)
	return cm, d
}

func TestKubernetesConfigMap(t *testing.T) {
	cm, _ := manifests(t)
	if cm.APIVersion != "v1" || cm.Kind != "ConfigMap" || cm.Metadata.Name == "" {
		t.Fatalf("configmap.yaml is %s %s %q", cm.APIVersion, cm.Kind, cm.Metadata.Name)
	}
	content, ok := cm.Data["components"]
	if !ok {
		t.Fatalf("configmap.yaml has no key components: %v", cm.Data)
	}
	rules, err := registry.Parse("configmap.yaml:data.components", []byte(content))
	if err != nil {
		t.Errorf("the components file in the ConfigMap is invalid: %v", err)
	}
	// The suggested standing rule: a flight recorder on the SaaS client.
	if len(rules) == 0 || rules[0].String() != "saas.client=info record=50" {
		t.Errorf("the ConfigMap's first rule is %v, want the standing recorder saas.client=info record=50", rules)
	}
	// Every other line is a rule, commented out, that the operator is told
	// to uncomment: each must then be one valid rule, and one shows until=.
	var until bool
	for i, line := range strings.Split(strings.TrimRight(content, "\n"), "\n") {
		rule, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok {
			if i != 0 {
				t.Errorf("line %d of the components file, %q, is not a commented-out rule", i+1, line)
			}
			continue
		}
		rules, err := registry.Parse(fmt.Sprintf("configmap.yaml:data.components:%d, uncommented", i+1), []byte(rule))
		if err != nil || len(rules) != 1 {
			t.Errorf("line %d of the components file, uncommented, gives %d rules (%v), want one", i+1, len(rules), err)
			continue
		}
		until = until || !rules[0].Until.IsZero()
	}
	if !until {
		t.Error("no rule of the ConfigMap shows until=")
	}
}

// flagValue returns the value of -name=value or -name value in args.
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		a = "-" + strings.TrimLeft(a, "-")
		if v, ok := strings.CutPrefix(a, "-"+name+"="); ok {
			return v, true
		}
		if a == "-"+name && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}

func TestKubernetesDeployment(t *testing.T) {
	cm, d := manifests(t)
	if d.APIVersion != "apps/v1" || d.Kind != "Deployment" {
		t.Fatalf("deployment.yaml is %s %s", d.APIVersion, d.Kind)
	}
	for k, v := range d.Spec.Selector.MatchLabels {
		if d.Spec.Template.Metadata.Labels[k] != v {
			t.Errorf("the selector's %s=%s does not match the pod's labels %v", k, v, d.Spec.Template.Metadata.Labels)
		}
	}
	if len(d.Spec.Selector.MatchLabels) == 0 {
		t.Error("no selector")
	}
	pod := d.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]

	// Only webapp's own flags, so that the container starts.
	known := []string{"addr", "components", "delay", "signal", "watch", "console"}
	for _, a := range c.Args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !slices.Contains(known, name) {
			t.Errorf("argument %q is not one of webapp's flags %v", a, known)
		}
	}
	if addr, _ := flagValue(c.Args, "addr"); !strings.HasPrefix(addr, ":") && !strings.HasPrefix(addr, "0.0.0.0:") {
		t.Errorf("-addr=%q: the pod must listen on all its addresses, not the default loopback", addr)
	}

	file, ok := flagValue(c.Args, "components")
	if !ok || !path.IsAbs(file) {
		t.Fatalf("webapp is not given an absolute -components: %q", c.Args)
	}
	dir, key := path.Dir(file), path.Base(file)

	// The mount is the directory of the file, without subPath.
	var mountName string
	for _, m := range c.VolumeMounts {
		if m.SubPath != "" {
			t.Errorf("volume mount %s uses subPath %q: the kubelet never updates such a file", m.Name, m.SubPath)
		}
		if m.MountPath == file {
			t.Errorf("volume mount %s is mounted at the file itself, %s: mount its directory", m.Name, file)
		}
		if m.MountPath == dir {
			mountName = m.Name
			if !m.ReadOnly {
				t.Errorf("volume mount %s is writable", m.Name)
			}
		}
	}
	if mountName == "" {
		t.Fatalf("no volume is mounted at %s, the directory of -components=%s", dir, file)
	}

	i := slices.IndexFunc(pod.Volumes, func(v volume) bool { return v.Name == mountName })
	if i < 0 || pod.Volumes[i].ConfigMap == nil {
		t.Fatalf("the volume %s mounted at %s is not a ConfigMap volume", mountName, dir)
	}
	v := pod.Volumes[i].ConfigMap
	if v.Name != cm.Metadata.Name {
		t.Errorf("the volume uses ConfigMap %q, configmap.yaml defines %q", v.Name, cm.Metadata.Name)
	}
	// With items, the file is named by the item's path; without, by the key.
	cmKey := key
	if len(v.Items) > 0 {
		j := slices.IndexFunc(v.Items, func(it keyToPath) bool { return it.Path == key })
		if j < 0 {
			t.Fatalf("no item of the volume has path %s", key)
		}
		cmKey = v.Items[j].Key
	}
	if _, ok := cm.Data[cmKey]; !ok {
		t.Errorf("webapp reads %s, but the ConfigMap has no key %q", file, cmKey)
	}
	if v.DefaultMode != nil && *v.DefaultMode&0o002 != 0 {
		t.Errorf("defaultMode %#o is world-writable, which scopelog refuses", *v.DefaultMode)
	}
	if v.DefaultMode != nil && *v.DefaultMode != 0o444 {
		t.Errorf("defaultMode = %#o, want 0444 (is the YAML octal literal read as decimal?)", *v.DefaultMode)
	}

	// The probes hit /healthz on the container's port.
	for _, p := range []*probe{c.ReadinessProbe, c.LivenessProbe} {
		if p == nil || p.HTTPGet.Path != "/healthz" {
			t.Errorf("a probe is missing or not on /healthz: %+v", p)
			continue
		}
		if !slices.ContainsFunc(c.Ports, func(port containerPort) bool { return port.Name == p.HTTPGet.Port }) {
			t.Errorf("a probe uses port %q, which the container does not name", p.HTTPGet.Port)
		}
	}
}

func TestKubernetesREADME(t *testing.T) {
	cm, d := manifests(t)
	b, err := os.ReadFile(filepath.Join(kubernetesDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, s := range []string{
		"kubectl edit configmap " + cm.Metadata.Name,
		"kubectl exec <pod> -- kill -USR1 1",
		"--target=" + d.Spec.Template.Spec.Containers[0].Name,
		"kubectl exec deploy/" + d.Metadata.Name + " -- " + noFlagCommand,
		"docker build -f examples/kubernetes/Dockerfile -t " + d.Spec.Template.Spec.Containers[0].Image + " .",
	} {
		if !strings.Contains(readme, s) {
			t.Errorf("README.md does not say %q", s)
		}
	}
}

// noFlagCommand is the command the README runs in the pod with no flag.
const noFlagCommand = "scopelog set saas.client -for 15m"

// TestKubernetesDockerfile checks that the image the Deployment names is
// the one the Dockerfile builds: webapp as its entrypoint, in exec form so
// that it is PID 1, and the scopelog command on the PATH beside it.
func TestKubernetesDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(kubernetesDir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var build, copied, entrypoint string
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "RUN ") && strings.Contains(line, "go build"):
			build = line
		case strings.HasPrefix(line, "COPY --from="):
			copied = line
		case strings.HasPrefix(line, "ENTRYPOINT "):
			entrypoint = line
		}
	}
	for _, pkg := range []string{"./examples/webapp", "./cmd/scopelog"} {
		if !strings.Contains(build, " "+pkg) {
			t.Errorf("the Dockerfile does not build %s: %q", pkg, build)
		}
	}
	// /usr/local/bin is on the PATH of the base images, distroless's too.
	if !strings.Contains(copied, "/scopelog") || !strings.HasSuffix(copied, " /usr/local/bin/") {
		t.Errorf("the scopelog command is not copied onto the PATH: %q", copied)
	}
	if entrypoint != `ENTRYPOINT ["/usr/local/bin/webapp"]` {
		t.Errorf("entrypoint %q: want webapp, in exec form", entrypoint)
	}
}
