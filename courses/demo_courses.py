"""Demo course content: six courses across capacity areas, each ending with a quiz."""

# (slug, title, summary, areas, level, format, language, hours, sequential, lessons, quiz)
# lessons: [(title, minutes, paragraph, tip)]; quiz: [(prompt, choices, correct, multiple, explanation)]
COURSES = [
    (
        "ngo-governance-basics",
        "NGO governance basics (NGOガバナンス入門)",
        "How a board, a secretariat and members share responsibility in a Japanese NPO, and how to keep "
        "decisions transparent for members and donors.",
        ["governance", "legal-status"],
        "introductory",
        "self_paced",
        "en",
        "3.0",
        False,
        [
            (
                "Why governance matters",
                15,
                "Donors, members and partner communities trust an NGO that can show who decides what. "
                "Good governance is not paperwork: it protects the mission when people change.",
                "Write down who can sign a contract on behalf of your organization today.",
            ),
            (
                "The board and the secretariat",
                20,
                "Under the NPO Act the board (理事会) is responsible for the organization; the secretariat "
                "runs daily work. Separate oversight from management, and minute every board decision.",
                "Compare your articles of association with how decisions are really made.",
            ),
            (
                "Conflicts of interest",
                15,
                "A director who benefits from a decision must declare it and stay out of the vote. A simple "
                "annual declaration form prevents most problems.",
                "Draft a one-page conflict of interest declaration.",
            ),
            (
                "Reporting to members and the public",
                20,
                "Certified NPOs publish business reports, financial statements and lists of directors every "
                "year. Publishing early builds trust with donors.",
                "Check when your last annual report was filed with the prefecture.",
            ),
        ],
        [
            (
                "Who is ultimately responsible for an NPO's decisions?",
                ["The board of directors", "The largest donor", "The head of the field office"],
                [0],
                False,
                "The board carries legal responsibility; it may delegate daily work to the secretariat.",
            ),
            (
                "Which belong in board minutes?",
                ["Decisions taken", "Declared conflicts of interest", "Staff members' home addresses"],
                [0, 1],
                True,
                "Minutes record decisions and declarations; personal data does not belong there.",
            ),
            (
                "A director's company bids for a contract. What should happen?",
                ["The director declares it and does not vote", "Nothing, if the price is low"],
                [0],
                False,
                "Declaring and abstaining protects both the director and the organization.",
            ),
        ],
    ),
    (
        "accounting-for-small-ngos",
        "Accounting for small NGOs (小規模NGOの会計)",
        "Bookkeeping, NPO accounting standards and grant budgets for organizations with one or two finance staff.",
        ["financial-management"],
        "introductory",
        "self_paced",
        "ja",
        "5.0",
        True,
        [
            (
                "Cash book and receipts",
                20,
                "Every payment needs a receipt and a cash book line on the same day. Overseas receipts in local "
                "languages need a short translation and the exchange rate used.",
                "Photograph and file this week's receipts by date.",
            ),
            (
                "NPO accounting standards",
                25,
                "The NPO accounting standard (NPO法人会計基準) separates restricted and unrestricted funds and "
                "shows volunteer contributions in notes.",
                "Find your last statement of activities and identify restricted income.",
            ),
            (
                "Grant budgets and variance",
                25,
                "Track spending per budget line every month. A variance above the donor's threshold (often 20%) "
                "needs approval before, not after, you spend.",
                "Build a monthly variance table for your largest grant.",
            ),
            (
                "Foreign currency and field offices",
                20,
                "Record transfers to field offices as advances until they are settled with receipts. Use one "
                "exchange-rate rule for the whole year.",
                "Write your organization's exchange-rate rule in one sentence.",
            ),
            (
                "Closing the year",
                20,
                "The fiscal year ends in March: reconcile bank accounts, count cash, confirm advances, and prepare "
                "the statements for the board by May.",
                "List the documents your auditor asked for last year.",
            ),
        ],
        [
            (
                "How should an overseas transfer to a field office be recorded?",
                ["As an expense immediately", "As an advance until settled with receipts"],
                [1],
                False,
                "It becomes an expense when the field office settles it with receipts.",
            ),
            (
                "Which need donor approval in advance?",
                ["Variance above the donor's threshold", "Adding a new budget line", "Paying an invoice on time"],
                [0, 1],
                True,
                "Changes to the agreed budget need approval before spending.",
            ),
            (
                "When does the Japanese fiscal year of most NPOs end?",
                ["December", "March", "June"],
                [1],
                False,
                "Most NPOs use an April to March fiscal year.",
            ),
        ],
    ),
    (
        "project-cycle-management",
        "Project cycle management (PCM手法)",
        "Plan projects with stakeholders using problem trees and a logical framework (PDM), as used in "
        "Japanese ODA and NGO grant schemes.",
        ["project-cycle-management", "monitoring-evaluation"],
        "intermediate",
        "blended",
        "en",
        "6.0",
        False,
        [
            (
                "Stakeholder analysis",
                25,
                "List everyone affected by the problem, their interests and influence. Involve the people the "
                "project serves from the first workshop.",
                "Map five stakeholders of your current project.",
            ),
            (
                "Problem and objective trees",
                30,
                "Turn the core problem into a tree of causes and effects, then reverse it into objectives. "
                "Choose the branch your organization can realistically address.",
                "Draw a problem tree with your team (30 minutes).",
            ),
            (
                "The project design matrix (PDM)",
                30,
                "The PDM links the overall goal, project purpose, outputs and activities with indicators, means "
                "of verification and important assumptions.",
                "Write two verifiable indicators for your project purpose.",
            ),
            (
                "Plan of operations",
                20,
                "Break activities into a schedule with responsible people and inputs. Review it quarterly.",
                "Draft a six-month plan of operations.",
            ),
            (
                "Monitoring during implementation",
                20,
                "Collect indicator data as you go; discuss it with partners every quarter and adjust activities.",
                "Choose who collects each indicator and how often.",
            ),
            (
                "Evaluation with the DAC criteria",
                25,
                "Relevance, coherence, effectiveness, efficiency, impact and sustainability frame a fair "
                "evaluation at the end of the project.",
                "Pick the two criteria most important to your donor.",
            ),
        ],
        [
            (
                "What does the PDM connect?",
                ["Goals, outputs and activities with indicators", "Staff salaries and office costs"],
                [0],
                False,
                "The PDM is the logical framework of the project.",
            ),
            (
                "Which are DAC evaluation criteria?",
                ["Relevance", "Sustainability", "Popularity"],
                [0, 1],
                True,
                "The six DAC criteria include relevance and sustainability.",
            ),
            (
                "Who should join the first planning workshop?",
                ["Only head-office staff", "Representatives of the people the project serves"],
                [1],
                False,
                "Participation from the start makes the analysis realistic.",
            ),
        ],
    ),
    (
        "fundraising-from-foundations",
        "Fundraising from foundations (助成財団からの資金調達)",
        "Find the right foundation, write a clear proposal and report so that the grant is renewed.",
        ["fundraising"],
        "introductory",
        "self_paced",
        "ja",
        "2.5",
        False,
        [
            (
                "Finding the right funder",
                15,
                "Read each foundation's priorities and past grants. Apply where your work already fits, not "
                "where the money is largest.",
                "List three foundations whose recent grants resemble your work.",
            ),
            (
                "Writing the proposal",
                25,
                "State the problem with evidence, the change you expect, and how you will know. Keep the budget "
                "consistent with the activities.",
                "Write your problem statement in 100 words.",
            ),
            (
                "Reporting and renewal",
                15,
                "Report on time, honestly, including what did not work. Funders renew grants to organizations "
                "that learn.",
                "Set reminders for every report due this year.",
            ),
        ],
        [
            (
                "Where should you apply first?",
                ["Where your work fits the funder's priorities", "Wherever the grant is largest"],
                [0],
                False,
                "Fit matters more than size.",
            ),
            (
                "What belongs in a strong proposal?",
                ["Evidence of the problem", "A budget consistent with activities", "A long history of the founder"],
                [0, 1],
                True,
                "Funders look for evidence and consistency.",
            ),
            (
                "A project activity failed. What should the report say?",
                ["Nothing", "What happened and what you learned"],
                [1],
                False,
                "Honest reporting builds trust and leads to renewal.",
            ),
        ],
    ),
    (
        "safety-and-security-in-the-field",
        "Safety and security in the field (海外安全管理)",
        "Risk assessment, security plans and incident response for staff travelling to or living in fragile areas.",
        ["safety-security", "human-resources"],
        "intermediate",
        "facilitated",
        "en",
        "4.0",
        True,
        [
            (
                "Duty of care",
                15,
                "An NGO that sends staff abroad must assess risks and prepare them. Check the Ministry's travel "
                "safety information (海外安全情報) before every trip.",
                "Find the current safety level for each country where you work.",
            ),
            (
                "Risk assessment",
                25,
                "Rate threats by likelihood and impact; record the measures that reduce them and who is responsible.",
                "Complete a risk matrix for one field site.",
            ),
            (
                "The security plan",
                25,
                "A short plan covers communication, movement rules, evacuation routes and contacts. Staff must "
                "know it, not just have it.",
                "Test your emergency phone tree this month.",
            ),
            (
                "Responding to incidents",
                20,
                "Report, support the people affected, and review. Keep an incident log that protects privacy.",
                "Draft an incident report template.",
            ),
        ],
        [
            (
                "What should be checked before every trip?",
                ["The Ministry's travel safety information", "Only the weather"],
                [0],
                False,
                "Safety levels change; check before each trip.",
            ),
            (
                "What does a risk assessment rate?",
                ["Likelihood", "Impact", "The traveller's age"],
                [0, 1],
                True,
                "Risk combines likelihood and impact.",
            ),
            (
                "A security plan is effective when…",
                ["It is filed at head office", "Staff know and practise it"],
                [1],
                False,
                "Practice makes the plan work in a crisis.",
            ),
        ],
    ),
    (
        "monitoring-and-evaluation-essentials",
        "Monitoring and evaluation essentials (モニタリング・評価の基礎)",
        "Choose indicators, collect data responsibly and use findings to improve your programmes.",
        ["monitoring-evaluation"],
        "intermediate",
        "self_paced",
        "en",
        "3.5",
        False,
        [
            (
                "Indicators that matter",
                20,
                "Good indicators are specific, measurable and cheap enough to collect. Fewer, better indicators "
                "beat long lists nobody updates.",
                "Cut your indicator list to the five you actually use.",
            ),
            (
                "Collecting data responsibly",
                20,
                "Ask for consent, collect only what you need and store it securely. Disaggregate by gender and "
                "age where it informs decisions.",
                "Review your consent form with a colleague.",
            ),
            (
                "Baselines and targets",
                20,
                "Without a baseline you cannot show change. Set targets with partners and revisit them yearly.",
                "Find or plan the baseline for your main indicator.",
            ),
            (
                "Learning from findings",
                15,
                "Hold a short learning session after each data round: what surprised us, what will we change?",
                "Schedule your next learning session.",
            ),
            (
                "Sharing results",
                15,
                "Share results with the communities you work with, not only with donors.",
                "Plan how you will share this year's results locally.",
            ),
        ],
        [
            (
                "Why is a baseline needed?",
                ["To show change over time", "Donors require long reports"],
                [0],
                False,
                "Change is measured against the starting point.",
            ),
            (
                "Which are principles of responsible data collection?",
                ["Informed consent", "Collect only what you need", "Keep data forever just in case"],
                [0, 1],
                True,
                "Minimise and protect personal data.",
            ),
            (
                "Who should hear the results?",
                ["Only donors", "Communities and donors"],
                [1],
                False,
                "Communities have a right to know and can help interpret results.",
            ),
        ],
    ),
]
