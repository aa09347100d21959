/* main.c — placeholder until the application lands (this commit's own work) */
int main (void) { return 0; }
