"""Demo course content: six courses across capacity areas, each ending with a quiz.

The last three are in ``demo_courses_more``; ``COURSES`` lists all six in the order they are built.
"""

from .demo_courses_more import MORE_COURSES

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
    *MORE_COURSES,
]
