# sam build runs build-<LogicalId> for each function with Metadata BuildMethod: makefile.
# Amazon.Lambda.Tools is not available, so the Native AOT bootstrap is published here. The host must
# produce a binary for glibc 2.34 or older (Amazon Linux 2023): Debian 12 does; elsewhere use
# `sam build --use-container --build-image public.ecr.aws/sam/build-dotnet10:latest-x86_64` (SAM's default
# image for provided.al2023 has no .NET SDK).

PROJECT := src/Responder.Lambda

.PHONY: build-ResponderFunction

# The publish already places responder.toml beside bootstrap; it is copied again from samplecfg.toml
# so the bundled configuration is the documented default whatever the project file says. The
# referenced libraries' symbol files are left out of the package: the bootstrap does not read them.
build-ResponderFunction:
	dotnet publish $(PROJECT) -c Release -r linux-x64 -o $(ARTIFACTS_DIR)
	cp samplecfg.toml $(ARTIFACTS_DIR)/responder.toml
	rm -f $(ARTIFACTS_DIR)/*.pdb
	test -x $(ARTIFACTS_DIR)/bootstrap
