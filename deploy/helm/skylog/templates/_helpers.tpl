{{/* The chart's name, trimmed the way `helm create` does. */}}
{{- define "skylog.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skylog.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's module name (auth-service) from its values key (authService). */}}
{{- define "skylog.module" -}}
{{- . | kebabcase -}}
{{- end -}}

{{/* Resource name of a service: <release>-<module>. Takes (list $ key). */}}
{{- define "skylog.serviceName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "skylog.fullname" $root) (include "skylog.module" (index . 1)) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skylog.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: skylog
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of a service. Takes (list $ key). */}}
{{- define "skylog.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "skylog.module" (index . 1) }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "skylog.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "skylog.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "skylog.kafka" -}}
{{- if .Values.evaluation.enabled -}}
{{- printf "%s-kafka:9092" (include "skylog.fullname" .) -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* Which of postgresql.databases a service owns (auth, scheduler, archive, stats), or nothing. Takes (list $ key). */}}
{{- define "skylog.databaseKey" -}}
{{- get (dict "authService" "auth" "syncScheduler" "scheduler" "archiveService" "archive" "statsService" "stats") (index . 1) -}}
{{- end -}}

{{/* The name of the database a service owns, or nothing. Takes (list $ key). */}}
{{- define "skylog.database" -}}
{{- $db := include "skylog.databaseKey" . -}}
{{- if $db -}}
{{- get (index . 0).Values.postgresql.databases $db -}}
{{- end -}}
{{- end -}}

{{/* host:port of the PostgreSQL server a service's database is on. Takes (list $ key). */}}
{{- define "skylog.postgresServer" -}}
{{- $root := index . 0 -}}
{{- $server := get $root.Values.postgresql.servers (include "skylog.databaseKey" .) | default dict -}}
{{- if $root.Values.evaluation.enabled -}}
{{- printf "%s-postgresql:5432" (include "skylog.fullname" $root) -}}
{{- else -}}
{{- printf "%s:%v" ($server.host | default $root.Values.postgresql.host) ($server.port | default $root.Values.postgresql.port) -}}
{{- end -}}
{{- end -}}

{{/*
The env entries with a service's own database credentials, from the Secret's postgres-<db>-username and
postgres-<db>-password keys. Takes (list $ key).
*/}}
{{- define "skylog.databaseCredentials" -}}
{{- $root := index . 0 -}}
{{- $db := include "skylog.databaseKey" . -}}
{{- $secret := include "skylog.secretName" $root -}}
{{- range $variable, $field := dict "SPRING_R2DBC_USERNAME" "username" "SPRING_R2DBC_PASSWORD" "password" "SPRING_FLYWAY_USER" "username" "SPRING_FLYWAY_PASSWORD" "password" }}
- name: {{ $variable }}
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: {{ printf "postgres-%s-%s" $db $field }} } }
{{- end }}
{{- end -}}

{{/*
A service's plain settings (its ConfigMap's data). Takes (list $ key). Credentials are not here: the Deployment
reads them from the Secret.
*/}}
{{- define "skylog.config" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $service := get $root.Values.services $key -}}
{{- $database := include "skylog.database" (list $root $key) -}}
{{- $auth := include "skylog.serviceName" (list $root "authService") -}}
SERVER_PORT: {{ $service.port | quote }}
MANAGEMENT_SERVER_PORT: {{ $service.managementPort | quote }}
SPRING_PROFILES_ACTIVE: json
{{- if ne $key "gateway" }}
SPRING_KAFKA_BOOTSTRAPSERVERS: {{ include "skylog.kafka" $root | quote }}
SKYLOG_KAFKA_REPLICATIONFACTOR: {{ ternary 1 $root.Values.kafka.replicationFactor $root.Values.evaluation.enabled | quote }}
# The topic Job owns the topics when it runs; otherwise each service creates what it needs at start.
SKYLOG_KAFKA_CREATETOPICS: {{ not $root.Values.kafka.topics.create | quote }}
{{- end }}
{{- if $database }}
# Flyway migrates the schema on start, before the service reports ready.
SPRING_R2DBC_URL: "r2dbc:postgresql://{{ include "skylog.postgresServer" (list $root $key) }}/{{ $database }}"
SPRING_FLYWAY_URL: "jdbc:postgresql://{{ include "skylog.postgresServer" (list $root $key) }}/{{ $database }}"
{{- end }}
{{- if has $key (list "gateway" "syncScheduler" "archiveService" "statsService") }}
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI: "http://{{ $auth }}:{{ $root.Values.services.authService.port }}/.well-known/jwks.json"
{{- end }}
{{- if eq $key "gateway" }}
{{- $routes := dict "authService" "SKYLOG_SERVICES_AUTH_URL" "syncScheduler" "SKYLOG_SERVICES_SYNC_SCHEDULER_URL" "archiveService" "SKYLOG_SERVICES_ARCHIVE_URL" "statsService" "SKYLOG_SERVICES_STATS_URL" }}
{{- range $target, $variable := $routes }}
{{ $variable }}: "http://{{ include "skylog.serviceName" (list $root $target) }}:{{ (get $root.Values.services $target).port }}"
{{- end }}
SPRING_DATA_REDIS_HOST: {{ $root.Values.redis.host | quote }}
SPRING_DATA_REDIS_PORT: {{ $root.Values.redis.port | quote }}
# Behind the Ingress: the client's address is the proxy's X-Forwarded-For entry.
SERVER_FORWARDHEADERSSTRATEGY: native
{{- end }}
{{- if eq $key "authService" }}
SKYLOG_AUTH_TOKENENCRYPTION_ACTIVEKEYID: primary
# The token API on a port of its own, which the NetworkPolicy opens to the fetcher only.
SKYLOG_AUTH_INTERNAL_PORT: {{ $service.internalPort | quote }}
{{- if $root.Values.evaluation.enabled }}
# Evaluation only: a signing key generated at start (one replica), development defaults allowed.
SKYLOG_AUTH_ALLOWDEVELOPMENTSECRETS: "true"
{{- end }}
{{- end }}
{{- if eq $key "fetcherService" }}
SKYLOG_FETCHER_AUTHSERVICE_URL: "http://{{ $auth }}:{{ $root.Values.services.authService.internalPort }}"
{{- end }}
{{- range $env, $value := $service.env }}
{{ $env }}: {{ $value | quote }}
{{- end }}
{{- end -}}
