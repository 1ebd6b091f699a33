#!/usr/bin/env bash
# Prints the SDK's runtime classpath: its jar (target/, after `mvn package`) and the Debian jars it
# runs on (/usr/share/java). Usage: java -cp "$(clients/java/classpath.sh)" ...
here=$(cd "$(dirname "$0")" && pwd)
J=/usr/share/java
cp=$(printf "$J/%s.jar:" grpc-api grpc-core grpc-context grpc-netty grpc-protobuf grpc-protobuf-lite grpc-stub \
  protobuf guava perfmark-api error_prone_annotations jsr305 netty-buffer netty-codec netty-codec-http \
  netty-codec-http2 netty-codec-socks netty-common netty-handler netty-handler-proxy netty-resolver netty-transport \
  netty-transport-native-unix-common)
echo "$here/target/enterprisehub-client-0.1.0.jar:${cp%:}"
