#include <stdio.h>
#include "llmreport.h"
int main(void) { puts(LR_VERSION); return 0; }
